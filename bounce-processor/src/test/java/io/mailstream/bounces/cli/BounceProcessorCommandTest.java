package io.mailstream.bounces.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.schemas.address.Domain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BounceProcessorCommandTest {

    @Test
    void optionsShouldBecomeTheTypedConfigWithDocumentedDefaults(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("verp.keys");
        Files.writeString(keys, "k2:" + Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        BounceProcessorCommand command = new BounceProcessorCommand();
        new CommandLine(command).parseArgs("--bounce-domain", "Bounce.Example.com", "--smtp-port", "2600",
                "--feedback-address", "fbl@bounce.example.com", "--verp-keys", keys.toString());

        BounceProcessorConfig config = command.config();

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.receiver().bounceDomain()).isEqualTo(Domain.of("bounce.example.com"));
        assertThat(config.receiver().port()).isEqualTo(2600);
        assertThat(config.receiver().returnPaths().returnPath("m1").localPart()).startsWith("bounces+m1.k2-");
        assertThat(config.receiver().feedbackAddresses()).hasSize(1);
        assertThat(config.topology().softBounceThreshold()).isEqualTo(3);
        assertThat(config.topology().softBounceWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(config.topology().softBounceSuppression()).isEqualTo(Duration.ofDays(30));
        assertThat(config.stateDir()).isEqualTo(BounceProcessorConfig.defaultStateDir("mailstream-bounce-processor"));
    }

    @Test
    void invalidOptionShouldExitWith2NamingTheKey() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BounceProcessorCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bounce-domain", "bounce.example.com", "--soft-bounce-threshold", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("softBounceThreshold");
    }

    @Test
    void aKeyFileThatCannotBeReadShouldExitWith2NamingIt(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BounceProcessorCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bounce-domain", "bounce.example.com", "--verp-keys", dir.resolve("missing.keys").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("missing.keys");
    }

    @Test
    void suppressCommandShouldOfferItsFiveSubcommands() {
        CommandLine cli = new CommandLine(new SuppressCommand());

        assertThat(cli.getSubcommands()).containsOnlyKeys("add", "remove", "check", "list", "export");
    }
}
