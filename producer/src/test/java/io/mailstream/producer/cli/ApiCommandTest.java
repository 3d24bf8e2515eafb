package io.mailstream.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ApiCommandTest {
    @TempDir
    Path dir;

    @Test
    void invalidConfigShouldFailAtStartNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("api.yaml"), """
                bootstrapServers: localhost:9092
                schemaRegistry: http://localhost:8081
                apiKeys: [{id: shop, secret: too-short, senderDomains: [shop.example]}]
                """);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ApiCommand()).setErr(new PrintWriter(err));

        int exit = cli.execute("--config", config.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("apiKeys[0].secret").contains("16");
    }

    @Test
    void anInvalidKafkaConfigShouldFailAtStartNamingFileAndLine() throws Exception {
        Path config = Files.writeString(dir.resolve("api.yaml"), """
                bootstrapServers: localhost:9092
                schemaRegistry: http://localhost:8081
                apiKeys: [{id: shop, secret: a-long-enough-secret, senderDomains: [shop.example]}]
                """);
        Path kafka = Files.writeString(dir.resolve("kafka.properties"), "security.protocol=SASL_SSL\nsasl.mechanism\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ApiCommand()).setErr(new PrintWriter(err));

        int exit = cli.execute("--config", config.toString(), "--kafka-config", kafka.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains(kafka + ":2: 'sasl.mechanism' has no value");
    }

    @Test
    void missingConfigOptionShouldBeAUsageError() {
        CommandLine cli = new CommandLine(new ApiCommand()).setErr(new PrintWriter(new StringWriter()));

        assertThat(cli.execute()).isEqualTo(2);
    }
}
