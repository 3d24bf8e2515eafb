package io.mailstream.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {
    private static final KafkaClientSettings FILE = new KafkaClientSettings(Map.of(
            "bootstrap.servers", "b-1.msk.example:9096",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "group.id", "someone-elses-group",
            "acks", "1",
            "enable.idempotence", "false",
            "key.serializer", "org.apache.kafka.common.serialization.StringSerializer"), Optional.of(Path.of("msk.properties")));

    private static DispatcherConfig config() {
        return DispatcherConfig.builder().kafkaSettings(FILE).schemaRegistryUrl("http://localhost:8081")
                .smtpHost("localhost").bounceDomain("bounce.example.com").verpKeys(VerpKeys.generate("t")).dispatcherId("d1").build();
    }

    @Test
    void everyClientShouldCarryTheFilesSecuritySettingsAndItsBootstrapServers() {
        DispatcherConfig c = config();
        for (Properties p : List.of(KafkaClientProperties.mailConsumer(c), KafkaClientProperties.tableConsumer(c, "campaigns"),
                KafkaClientProperties.producer(c))) {
            assertThat(p).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("bootstrap.servers", "b-1.msk.example:9096");
        }
    }

    @Test
    void theDispatchersOwnSettingsShouldWinOverTheFile() {
        DispatcherConfig c = config();

        assertThat(KafkaClientProperties.producer(c)).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        assertThat(KafkaClientProperties.mailConsumer(c)).containsEntry("group.id", DispatcherConfig.DEFAULT_GROUP_ID);
        assertThat(KafkaClientProperties.tableConsumer(c, "suppressions")).doesNotContainKey("group.id");
    }

    @Test
    void theLedgerFeedShouldLetTheBrokerGatherEventsPerFetchUnlessTheFileSaysOtherwise() {
        assertThat(KafkaClientProperties.ledgerFeedConsumer(config()))
                .containsEntry("fetch.min.bytes", KafkaClientProperties.LEDGER_FEED_FETCH_MIN_BYTES)
                .containsEntry("fetch.max.wait.ms", KafkaClientProperties.LEDGER_FEED_FETCH_MAX_WAIT_MS)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("group.id");

        KafkaClientSettings file = new KafkaClientSettings(Map.of("bootstrap.servers", "b:9092", "fetch.min.bytes", "1"),
                Optional.empty());
        DispatcherConfig c = DispatcherConfig.builder().kafkaSettings(file).schemaRegistryUrl("http://localhost:8081")
                .smtpHost("localhost").bounceDomain("bounce.example.com").verpKeys(VerpKeys.generate("t")).build();
        assertThat(KafkaClientProperties.ledgerFeedConsumer(c)).containsEntry("fetch.min.bytes", "1");
    }

    @Test
    void outcomeEventsShouldLingerBrieflyAndNoMore() {
        assertThat(KafkaClientProperties.producer(config()))
                .containsEntry("linger.ms", KafkaClientProperties.PRODUCER_LINGER_MS);
        assertThat(KafkaClientProperties.PRODUCER_LINGER_MS).isBetween(1, 5);
    }

    @Test
    void theRegistryShouldTakeTheFilesUrlAndCredentials() {
        KafkaClientSettings file = new KafkaClientSettings(Map.of("schema.registry.url", "https://sr.example",
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "k:s"), Optional.empty());

        DispatcherConfig c = DispatcherConfig.builder().kafkaSettings(file).bootstrapServers("b:9092").smtpHost("localhost")
                .bounceDomain("bounce.example.com").verpKeys(VerpKeys.generate("t")).build();

        assertThat(c.schemaRegistry().url().toString()).isEqualTo("https://sr.example");
        assertThat(c.schemaRegistry().security().credentials().describe()).contains("basic auth as 'k'");
    }

    @Test
    void bootstrapServersGivenExplicitlyShouldWinOverTheFile() {
        DispatcherConfig c = DispatcherConfig.builder().kafkaSettings(FILE).bootstrapServers("other:9092")
                .schemaRegistryUrl("http://localhost:8081").smtpHost("localhost").bounceDomain("bounce.example.com").verpKeys(VerpKeys.generate("t")).build();

        assertThat(KafkaClientProperties.producer(c)).containsEntry("bootstrap.servers", "other:9092");
    }
}
