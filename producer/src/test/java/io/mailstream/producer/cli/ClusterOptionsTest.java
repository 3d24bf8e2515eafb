package io.mailstream.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.producer.launch.ClusterConfig;
import io.mailstream.producer.launch.KafkaClients;
import io.mailstream.producer.launch.RegistryTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClusterOptionsTest {
    @TempDir
    Path dir;

    private ClusterConfig parse(Map<String, String> env, String... args) {
        LaunchCommand launch = new LaunchCommand();
        new CommandLine(launch).parseArgs(args);
        launch.cluster.env = env;
        return launch.cluster.toConfig();
    }

    @Test
    void campaignClientsShouldCarryTheKafkaConfigUnderTheProducersOwnSettings() throws IOException {
        Path file = Files.writeString(dir.resolve("cloud.properties"), """
                bootstrap.servers=pkc-1.confluent.cloud:9092
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                acks=1
                compression.type=gzip
                """);

        ClusterConfig cluster = parse(Map.of(), "campaign.yaml", "--kafka-config", file.toString());
        Properties producer = KafkaClients.producerProperties(cluster, "launch");
        Properties consumer = KafkaClients.consumerProperties(cluster, "read");

        assertThat(producer).containsEntry("bootstrap.servers", "pkc-1.confluent.cloud:9092")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "lz4");
        assertThat(consumer).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void theEnvironmentVariableShouldNameTheFileWhenTheOptionIsAbsent() throws IOException {
        Path file = Files.writeString(dir.resolve("msk.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        ClusterConfig cluster = parse(Map.of("MAILSTREAM_KAFKA_CONFIG", file.toString()), "campaign.yaml",
                "--bootstrap-servers", "b-1.msk:9096");

        assertThat(KafkaClients.producerProperties(cluster, "x")).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("bootstrap.servers", "b-1.msk:9096");
    }

    @Test
    void theRegistryShouldBeReachedWithTheFilesUrlAndBearerToken() throws IOException {
        Path file = Files.writeString(dir.resolve("sr.properties"), "schema.registry.url=https://sr.example\nbearer.auth.token=tok\n");

        ClusterConfig cluster = parse(Map.of(), "campaign.yaml", "--kafka-config", file.toString());

        assertThat(cluster.registry()).isInstanceOfSatisfying(RegistryTarget.Url.class, url -> {
            assertThat(url.config().url().toString()).isEqualTo("https://sr.example");
            assertThat(url.config().security().credentials().headers()).containsEntry("Authorization", "Bearer tok");
        });
    }

    @Test
    void aStateChangeWithAnUnreadableKafkaConfigShouldFailAsInvalidInputNamingTheFile() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CampaignCommand()).setErr(new PrintWriter(err));

        int exit = cli.execute("pause", "spring-sale", "--kafka-config", dir.resolve("missing.properties").toString());

        assertThat(exit).isEqualTo(CommandErrors.INVALID_INPUT);
        assertThat(err.toString()).contains("cannot read the Kafka client config " + dir.resolve("missing.properties"));
    }
}
