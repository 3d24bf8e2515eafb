package io.mailstream.bounces.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.schemas.address.Domain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
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
        command.kafka.env = Map.of();

        BounceProcessorConfig config = command.config();

        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafka().settings().entries()).isEmpty();
        assertThat(config.receiver().bounceDomain()).isEqualTo(Domain.of("bounce.example.com"));
        assertThat(config.receiver().port()).isEqualTo(2600);
        assertThat(config.receiver().returnPaths().returnPath("m1").localPart()).startsWith("bounces+m1.k2-");
        assertThat(config.receiver().feedbackAddresses()).hasSize(1);
        assertThat(config.topology().softBounceThreshold()).isEqualTo(3);
        assertThat(config.topology().softBounceWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(config.topology().softBounceSuppression()).isEqualTo(Duration.ofDays(30));
        assertThat(config.stateDir()).isEqualTo(BounceProcessorConfig.defaultStateDir("mailstream-bounce-processor"));
        assertThat(config.receiver().clientLimits()).isEqualTo(io.mailstream.bounces.receive.ClientLimits.DEFAULTS);
        assertThat(config.receiver().dataTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.receiver().maxRecordBytes()).isEqualTo(1_000_000);
        assertThat(config.topology().pendingReportHold()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.topology().maxPendingReports()).isEqualTo(10_000);
        assertThat(config.http().bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.topology().guard().window()).as("guard.window").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void hardeningOptionsShouldReachTheConfigAndBadValuesFailNamingTheKey(@TempDir Path dir) throws Exception {
        BounceProcessorCommand command = new BounceProcessorCommand();
        new CommandLine(command).parseArgs("--bounce-domain", "bounce.example.com", "--verp-keys", keyFile(dir),
                "--max-connections-per-client", "3", "--max-messages-per-client", "50", "--client-window", "PT5M",
                "--data-timeout", "PT2M", "--max-record-bytes", "5000000", "--pending-report-hold", "PT1H",
                "--max-pending-reports", "20", "--guard-window", "PT6H");
        command.kafka.env = Map.of();

        BounceProcessorConfig config = command.config();

        assertThat(config.receiver().clientLimits()).isEqualTo(new io.mailstream.bounces.receive.ClientLimits(3, 50, Duration.ofMinutes(5)));
        assertThat(config.receiver().dataTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.receiver().maxRecordBytes()).isEqualTo(5_000_000);
        assertThat(config.topology().pendingReportHold()).isEqualTo(Duration.ofHours(1));
        assertThat(config.topology().maxPendingReports()).isEqualTo(20);
        assertThat(config.topology().guard().window()).isEqualTo(Duration.ofHours(6));

        BounceProcessorCommand bad = new BounceProcessorCommand();
        new CommandLine(bad).parseArgs("--bounce-domain", "bounce.example.com", "--verp-keys", keyFile(dir),
                "--max-messages-per-client", "0");
        bad.kafka.env = Map.of();
        org.assertj.core.api.Assertions.assertThatThrownBy(bad::config)
                .hasMessageContaining("receiver.clientLimits.maxMessages").hasMessageContaining("at least 1");
    }

    @Test
    void kafkaConfigShouldComeFromTheOptionOrElseTheEnvironmentVariable(@TempDir Path dir) throws IOException {
        Path option = Files.writeString(dir.resolve("a.properties"), "bootstrap.servers=secure:9093\nsecurity.protocol=SSL\n");
        Path fromEnv = Files.writeString(dir.resolve("b.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        BounceProcessorCommand command = new BounceProcessorCommand();
        new CommandLine(command).parseArgs("--bounce-domain", "bounce.example.com", "--kafka-config", option.toString(),
                "--verp-keys", keyFile(dir));
        command.kafka.env = Map.of("MAILSTREAM_KAFKA_CONFIG", fromEnv.toString());

        assertThat(command.config().kafka().bootstrapServers()).isEqualTo("secure:9093");
        assertThat(command.config().kafka().settings().get("security.protocol")).contains("SSL");

        BounceProcessorCommand envOnly = new BounceProcessorCommand();
        new CommandLine(envOnly).parseArgs("--bounce-domain", "bounce.example.com", "--verp-keys", keyFile(dir));
        envOnly.kafka.env = Map.of("MAILSTREAM_KAFKA_CONFIG", fromEnv.toString());

        assertThat(envOnly.config().kafka().settings().get("sasl.mechanism")).contains("PLAIN");
    }

    @Test
    void theRegistryUrlAndCredentialsShouldComeFromTheSameFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.properties"), "schema.registry.url=https://sr.example\n"
                + "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=key:secret\n");
        BounceProcessorCommand command = new BounceProcessorCommand();
        new CommandLine(command).parseArgs("--bounce-domain", "bounce.example.com", "--kafka-config", file.toString(),
                "--verp-keys", keyFile(dir));

        assertThat(command.config().schemaRegistry().url().toString()).isEqualTo("https://sr.example");
        assertThat(command.config().schemaRegistry().security().credentials().describe())
                .isEqualTo("basic auth as 'key' from basic.auth.user.info");
    }

    @Test
    void anInvalidKafkaConfigShouldExitWith2NamingFileAndLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.properties"), "security.protocol=SSL\nssl.trustore.location=/x\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BounceProcessorCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bounce-domain", "bounce.example.com", "--kafka-config", bad.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":2: 'ssl.trustore.location' is not a setting");
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

    private static String keyFile(Path dir) throws IOException {
        Path f = dir.resolve("test-verp.keys");
        return (Files.exists(f) ? f : Files.writeString(f, io.mailstream.schemas.verp.VerpKeys.newKeyLine("t"))).toString();
    }
}
