package io.mailstream.cli.deadletter;

import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads {@code mail.dead-letter} from its beginning to the end it had when the read started, without a consumer group. */
final class DeadLetterTopic {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DeadLetterTopic() {
    }

    /** The selected dead letters, oldest first (by time, then position). */
    static List<DeadLetter> read(KafkaConnection kafka, DeadLetterSelection selection) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailstream-cli-dead-letter");
        List<DeadLetter> selected = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.merge(p), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.DEAD_LETTER, TIMEOUT).stream()
                    .map(i -> new TopicPartition(Topics.DEAD_LETTER, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, TIMEOUT);
            while (parts.stream().anyMatch(tp -> c.position(tp, TIMEOUT) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        DeadLetter d = DeadLetter.of(r);
                        if (selection.matches(d)) {
                            selected.add(d);
                        }
                    }
                }
            }
        }
        selected.sort(Comparator.comparing(DeadLetter::time).thenComparing(DeadLetter::partition)
                .thenComparing(DeadLetter::offset));
        return selected.size() > selection.limit() ? List.copyOf(selected.subList(0, selection.limit())) : selected;
    }
}
