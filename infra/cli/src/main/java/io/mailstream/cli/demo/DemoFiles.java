package io.mailstream.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the demo finds the sample campaign: beside the launcher script, or in the working directory. */
public final class DemoFiles {
    private static final Path SAMPLE = Path.of("examples", "welcome", "campaign.yaml");

    private DemoFiles() {
    }

    public static Path defaultCampaign() {
        String home = System.getenv("MAILSTREAM_HOME");
        if (home != null && Files.isRegularFile(Path.of(home).resolve(SAMPLE))) {
            return Path.of(home).resolve(SAMPLE);
        }
        if (Files.isRegularFile(SAMPLE)) {
            return SAMPLE;
        }
        throw new IllegalStateException("sample campaign " + SAMPLE + " not found: run from the repository root, "
                + "set MAILSTREAM_HOME, or pass --campaign FILE");
    }
}
