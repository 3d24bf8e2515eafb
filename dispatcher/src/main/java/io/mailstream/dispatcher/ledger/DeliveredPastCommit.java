package io.mailstream.dispatcher.ledger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of newly assigned partitions that a previous owner already delivered past the
 * committed offset, read from the committed offsets' metadata ({@link CompletedOffsets}) on
 * assignment and consumed as the records come by. Poll thread only.
 */
public final class DeliveredPastCommit {
    private static final Logger log = LoggerFactory.getLogger(DeliveredPastCommit.class);

    private final Map<TopicPartition, NavigableSet<Long>> done = new HashMap<>();
    private long skipped;

    /**
     * Reads the ledger of {@code partitions} from their committed offsets (a blocking call; run it in
     * the rebalance listener); returns those committed offsets (empty when they could not be read).
     */
    public Map<TopicPartition, OffsetAndMetadata> load(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        try {
            consumer.committed(Set.copyOf(partitions)).forEach((tp, c) -> {
                if (c != null) {
                    committed.put(tp, c);
                }
            });
        } catch (KafkaException e) {
            log.warn("could not read the sent-ledger of {}; records past the committed offsets may be sent again: {}",
                    partitions, e.toString());
        }
        int records = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            NavigableSet<Long> offsets = CompletedOffsets.decode(e.getValue().offset(), e.getValue().metadata());
            if (!offsets.isEmpty()) {
                done.put(e.getKey(), offsets);
                records += offsets.size();
            }
        }
        if (records > 0) {
            log.info("{} records past the committed offsets were already delivered; they will be skipped", records);
        }
        return committed;
    }

    /** True (once) when the record at {@code offset} was already delivered and must not be again. */
    public boolean consume(TopicPartition tp, long offset) {
        NavigableSet<Long> offsets = done.get(tp);
        if (offsets == null || !offsets.remove(offset)) {
            return false;
        }
        if (offsets.isEmpty()) {
            done.remove(tp);
        }
        skipped++;
        return true;
    }

    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(done::remove);
    }

    /** Records skipped so far. */
    public long skipped() {
        return skipped;
    }
}
