package io.mailstream.bounces.cli;

import io.mailstream.schemas.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads every record of a topic from the beginning to the end it had when the scan started, without a group. */
final class TopicScan {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicScan() {
    }

    static void scan(KafkaConnection kafka, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailstream-cli-scan");
        // campaign records are written in transactions: an aborted DONE or state change is not the state
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.merge(p), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, TIMEOUT);
            while (parts.stream().anyMatch(tp -> c.position(tp, TIMEOUT) < end.get(tp))) {
                c.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }
}
