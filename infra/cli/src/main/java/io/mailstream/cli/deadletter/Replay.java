package io.mailstream.cli.deadletter;

import io.mailstream.schemas.topics.DeadLetters;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What replaying a dead letter writes: the original key, value and headers (the {@code mailstream.dlt.*}
 * provenance left out) to the original topic, with {@link DeadLetters#HEADER_REPLAYED_FROM}. A
 * dead letter that is not a whole record, or does not say where it came from, cannot be replayed.
 */
final class Replay {
    private Replay() {
    }

    /** Why {@code d} cannot be replayed, if it cannot. */
    static Optional<String> refusal(DeadLetter d) {
        if (d.truncatedFrom().isPresent()) {
            return Optional.of("dead letter " + d.position() + " is a truncated copy (" + d.truncatedFrom().get()
                    + ") of a record whose write was refused for good; replaying it would publish a cut record. The original is "
                    + d.source().map(s -> "at " + s.asString()).orElse("on its topic")
                    + " until that topic's retention removes it; fix what was refused (e.g. max.request.size) and re-read it there");
        }
        if (d.source().isEmpty()) {
            return Optional.of("dead letter " + d.position() + " has no " + DeadLetters.HEADER_SOURCE_TOPIC
                    + " header: where it came from is unknown");
        }
        if (d.source().get().topic().equals(Topics.DEAD_LETTER)) {
            return Optional.of("dead letter " + d.position() + " came from " + Topics.DEAD_LETTER + " itself");
        }
        return Optional.empty();
    }

    static ProducerRecord<byte[], byte[]> of(DeadLetter d) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : d.headers()) {
            if (!h.key().startsWith("mailstream.dlt.")) {
                headers.add(h);
            }
        }
        headers.add(DeadLetters.HEADER_REPLAYED_FROM, (Topics.DEAD_LETTER + "-" + d.position()).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(d.source().orElseThrow().topic(), null, d.key(), d.value(), headers);
    }
}
