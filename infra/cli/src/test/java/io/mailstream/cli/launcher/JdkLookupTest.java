package io.mailstream.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .mvn/jdk.sh}, which ./mvnw, ./mailstream and .ci/run source to find a JDK 25 on machines
 * whose default {@code java} is 17. Runs the real script with {@code sh}, on fake JDK folders.
 */
class JdkLookupTest {
    /** The script, seen from infra/cli where the tests run. */
    private static final Path SCRIPT = Path.of("../../.mvn/jdk.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void javaHomeOfJava25ShouldBeTakenAsItIs() throws Exception {
        Path jdk25 = fakeJdk("jdk-25", "25.0.3");
        Result r = lookup(Map.of("JAVA_HOME", jdk25.toString(), "MAILSTREAM_JDK_CANDIDATES", ""));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo(jdk25 + "\n");
    }

    @Test
    void javaHomeOfJava17ShouldBePassedOverForAJdk25FromTheUsualPlaces() throws Exception {
        Path jdk17 = fakeJdk("java-17", "17.0.15");
        Path jdk25 = fakeJdk("temurin-25", "25.0.1");
        Result r = lookup(Map.of("JAVA_HOME", jdk17.toString(),
                "MAILSTREAM_JDK_CANDIDATES", jdk17 + " " + jdk25));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo(jdk25 + "\n");
    }

    @Test
    void noJdk25ShouldStopWithAMessageNamingWhatToInstall() throws Exception {
        Path jdk17 = fakeJdk("java-17", "17.0.15");
        Path jre25 = Files.createDirectories(dir.resolve("jre-25/bin")).getParent(); // no javac: not a JDK
        Files.writeString(jre25.resolve("release"), "JAVA_VERSION=\"25\"\n");
        Result r = lookup(Map.of("JAVA_HOME", jdk17.toString(), "MAILSTREAM_JDK_CANDIDATES", jdk17 + " " + jre25));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("needs a JDK 25 or newer", "JAVA_HOME=" + jdk17 + " is Java 17",
                "temurin-25-jdk", "set JAVA_HOME");
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path exe = bin.resolve(tool);
            Files.writeString(exe, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    /** Sources the script in a shell whose PATH holds the tools it uses and no java at all. */
    private Result lookup(Map<String, String> env) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : new String[] {"sed", "head", "dirname", "readlink"}) {
            Files.createSymbolicLink(tools.resolve(tool), Path.of("/usr/bin", tool));
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", ". \"$0\" && printf '%s\\n' \"$JAVA_HOME\"", SCRIPT.toString());
        pb.environment().clear();
        pb.environment().put("PATH", tools.toString());
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        pb.redirectError(dir.resolve("stderr").toFile()).redirectOutput(dir.resolve("stdout").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jdk.sh finished").isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
