package io.mailstream.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    @Test
    void recordsShouldSurviveARestartOnTheSameLogDir(@TempDir Path tmp) throws Exception {
        Path logDir = tmp.resolve("kafka");
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults().withLogDir(logDir);
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            clusterId = kafka.clusterId();
            produce(kafka.bootstrapServers(), "greetings", "k1", "hello");
            assertThat(consumeAll(kafka.bootstrapServers(), "greetings", 1)).containsExactly("hello");
        }
        assertThat(logDir.resolve("meta.properties")).exists();

        try (EmbeddedKafka again = EmbeddedKafka.start(config)) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            produce(again.bootstrapServers(), "greetings", "k2", "again");
            assertThat(consumeAll(again.bootstrapServers(), "greetings", 2)).containsExactly("hello", "again");
        }
    }

    @Test
    void temporaryLogDirShouldBeDeletedOnClose() {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            dir = kafka.logDir();
            assertThat(dir).isDirectory();
            assertThat(kafka.bootstrapServers()).startsWith("localhost:");
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<String> consumeAll(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
