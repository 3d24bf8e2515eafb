package io.mailstream.producer.cli;

import static io.mailstream.producer.testsupport.CampaignFixtures.campaign;
import static io.mailstream.producer.testsupport.CampaignFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CampaignCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CampaignCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void launchOfAnInvalidFileListsEveryProblemAndExitsNonZeroWithoutAStackTrace() {
        write(dir.resolve("r.csv"), "mail\nx@example.com\n");
        Path file = write(dir.resolve("c.yaml"), "id: bad id\nsubject: hi\ntext: body\nrecipients: r.csv\n");

        int code = run("launch", file.toString());

        assertThat(code).isEqualTo(3);
        assertThat(err.toString())
                .startsWith("error: campaign file")
                .contains("nothing was published")
                .contains("c.yaml:1: id:")
                .contains("sender: is missing")
                .contains("no email column")
                .doesNotContain("\tat ");
    }

    @Test
    void launchFailsWithOneClearLineWhenTheRegistryIsUnreachable() {
        write(dir.resolve("r.csv"), "email,first_name\na@example.com,A\n");
        Path file = campaign(dir, "r.csv");

        int code = run("launch", file.toString(), "--schema-registry", "http://localhost:1",
                "--rejects", dir.resolve("rejects.csv").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("error: launch of campaign 'spring-sale' failed: schema registry http://localhost:1");
    }

    @Test
    void pauseFailsWithinTheBoundWhenTheBrokerIsUnreachable() {
        int code = run("pause", "spring-sale", "--bootstrap-servers", "localhost:1", "--max-block-ms", "1000");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("spring-sale").contains("mail.campaigns");
    }

    @Test
    void rejectsAnInvalidCompressionWithAClearMessage() {
        int code = run("launch", "x.yaml", "--compression", "brotli");

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("compression must be one of");
    }

    @Test
    void rejectsADuplicateWindowThatIsNotAPowerOfTwo() {
        write(dir.resolve("r.csv"), "email,first_name\na@example.com,A\n");
        Path file = campaign(dir, "r.csv");

        int code = run("launch", file.toString(), "--duplicate-window", "1000");

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("duplicate window must be a power of two").contains("1000");
    }

    @Test
    void listsItsSubcommands() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("launch", "pause", "resume", "cancel");
    }

    @Test
    void withoutASubcommandExplainsWhatToType() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("launch, pause, resume or cancel");
    }
}
