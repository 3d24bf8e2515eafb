package io.mailstream.cli.deadletter;

import io.mailstream.schemas.topics.DeadLetters;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One record of {@code mail.dead-letter} as an operator sees it: where it is, when and why it was
 * dead-lettered, where it came from (read from the provenance headers, the bounce processor's older
 * names too), and the original key, value and headers.
 */
record DeadLetter(int partition, long offset, Instant time, String reason, String error, Optional<Source> source,
                  byte[] key, byte[] value, Headers headers, Optional<String> truncatedFrom) {

    /** Where the dead-lettered record was. */
    record Source(String topic, int partition, long offset) {
        String asString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> r) {
        Headers h = r.headers();
        Optional<String> topic = DeadLetters.header(h, DeadLetters.HEADER_SOURCE_TOPIC)
                .or(() -> DeadLetters.header(h, DeadLetters.LEGACY_HEADER_TOPIC));
        Optional<Source> source = topic.map(t -> new Source(t,
                number(DeadLetters.header(h, DeadLetters.HEADER_SOURCE_PARTITION)
                        .or(() -> DeadLetters.header(h, DeadLetters.LEGACY_HEADER_PARTITION))).intValue(),
                number(DeadLetters.header(h, DeadLetters.HEADER_SOURCE_OFFSET)
                        .or(() -> DeadLetters.header(h, DeadLetters.LEGACY_HEADER_OFFSET)))));
        return new DeadLetter(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                DeadLetters.header(h, DeadLetters.HEADER_REASON).orElse("unknown"),
                DeadLetters.header(h, DeadLetters.HEADER_ERROR).orElse(""), source, r.key(), r.value(), h,
                DeadLetters.header(h, DeadLetters.HEADER_TRUNCATED_FROM));
    }

    private static Long number(Optional<String> text) {
        try {
            return text.map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    /** {@code partition@offset} in {@code mail.dead-letter}. */
    String position() {
        return partition + "@" + offset;
    }
}
