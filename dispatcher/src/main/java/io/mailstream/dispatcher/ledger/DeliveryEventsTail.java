package io.mailstream.dispatcher.ledger;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code mail.delivery-events} from a point in time up to its end offsets taken at the start,
 * with a group-less consumer (assign, offsetsForTimes, seek), and returns the (messageId, attempt)
 * pairs that have an event. Every event counts, DEFERRED too: the dispatcher writes a deferred
 * message's event only once its retry record is acknowledged, so a DEFERRED event means the
 * attempt is fully done. Bounded by a deadline: what was read by then is returned (each pair is a
 * fact, so a partial read only costs duplicates). Needs no transactions: the dispatcher's producer
 * is idempotent, not transactional. Poll thread only (it runs in the rebalance listener).
 */
public final class DeliveryEventsTail {
    private static final Logger log = LoggerFactory.getLogger(DeliveryEventsTail.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final AvroSerde<DeliveryEvent> serde;

    /** The result of one read; {@code complete} is false when the deadline or an error cut it short. */
    public record Read(List<OutcomeKey> outcomes, long events, boolean complete) {
    }

    public DeliveryEventsTail(Consumer<byte[], byte[]> consumer, AvroSerde<DeliveryEvent> serde) {
        this.consumer = consumer;
        this.serde = serde;
    }

    /** The attempts with an event timestamped at or after {@code from}, read for at most {@code timeout}. */
    public Read readSince(Instant from, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<OutcomeKey> out = new ArrayList<>();
        long events = 0;
        try {
            Map<TopicPartition, Long> end = startAt(from, deadline);
            while (!end.isEmpty()) {
                if (System.nanoTime() >= deadline) {
                    log.warn("reading {} from {} did not finish within {} (ledger.read-timeout): {} events read, "
                            + "records whose outcome came later may be sent again", Topics.DELIVERY_EVENTS, from, timeout, events);
                    return new Read(out, events, false);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long until = end.get(tp);
                    if (until == null || r.offset() >= until) {
                        continue;
                    }
                    events++;
                    key(r).ifPresent(out::add);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            return new Read(out, events, true);
        } catch (KafkaException e) {
            log.warn("could not read {} from {}: {}; records whose outcome came after the last commit may be sent again",
                    Topics.DELIVERY_EVENTS, from, e.toString());
            return new Read(out, events, false);
        } finally {
            consumer.unsubscribe();
        }
    }

    /** Assigns the topic's partitions at the first offset at or after {@code from}; returns the ones with something to read. */
    private Map<TopicPartition, Long> startAt(Instant from, long deadline) {
        Map<TopicPartition, Long> query = new HashMap<>();
        for (PartitionInfo p : consumer.partitionsFor(Topics.DELIVERY_EVENTS, remaining(deadline))) {
            query.put(new TopicPartition(p.topic(), p.partition()), from.toEpochMilli());
        }
        if (query.isEmpty()) {
            return new HashMap<>();
        }
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(query.keySet(), remaining(deadline)));
        Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, remaining(deadline));
        Map<TopicPartition, Long> toRead = new HashMap<>();
        for (TopicPartition tp : query.keySet()) {
            OffsetAndTimestamp at = start.get(tp);
            long until = end.getOrDefault(tp, 0L);
            if (at != null && at.offset() < until) { // null: nothing written since `from`
                toRead.put(tp, until);
            }
        }
        consumer.assign(toRead.keySet());
        toRead.forEach((tp, until) -> consumer.seek(tp, start.get(tp).offset()));
        return toRead;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }

    private Optional<OutcomeKey> key(ConsumerRecord<byte[], byte[]> r) {
        try {
            DeliveryEvent e = serde.decode(r);
            return Optional.of(new OutcomeKey(e.getMessageId(), e.getAttempt()));
        } catch (CorruptRecordException | SchemaRegistryException ex) {
            // Not ours to judge here: an unreadable event only means its record may be sent again.
            log.debug("skipping unreadable event {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), ex.getMessage());
            return Optional.empty();
        }
    }
}
