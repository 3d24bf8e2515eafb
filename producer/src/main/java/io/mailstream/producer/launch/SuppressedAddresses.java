package io.mailstream.producer.launch;

import io.mailstream.avro.Suppression;
import io.mailstream.producer.launch.internal.CompactLongSet;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The addresses {@code mail.suppressions} keeps from one campaign's mail at launch
 * ({@code --skip-suppressed}), read once from the topic's beginning to its end. Holds a 64-bit
 * hash per suppressed address (SHA-256 of the normalised address, ~9–12 bytes each, as
 * {@link DuplicateFilter} does), so 10 M suppressions fit a small heap. Two addresses share a hash
 * with probability ≈ n·m/2⁶⁴ (n suppressions, m recipients): a collision skips one recipient who
 * was not suppressed; it never lets a suppressed one through. The dispatcher checks every message
 * again when it sends: this only spares the events.
 */
public final class SuppressedAddresses {
    private static final Duration POLL = Duration.ofMillis(500);

    /** Every address that was suppressed at some point in the topic. */
    private final CompactLongSet blocked = new CompactLongSet();
    /** Of those, the ones whose latest record no longer blocks (lifted, expired or another list's unsubscribe). */
    private final Set<Long> lifted = new HashSet<>();
    private final MessageDigest sha256;

    private SuppressedAddresses() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Reads {@code mail.suppressions} to the end offsets it has now, keeping the addresses whose
     * latest record blocks campaign mail of {@code listId} at {@code now}.
     *
     * @throws IllegalStateException if the end is not reached within {@code timeout}
     */
    public static SuppressedAddresses read(Consumer<String, byte[]> consumer, AvroSerde<Suppression> serde,
                                           Optional<String> listId, Instant now, Duration timeout) {
        SuppressedAddresses set = new SuppressedAddresses();
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.SUPPRESSIONS, timeout);
        if (infos == null || infos.isEmpty()) {
            return set; // no topic yet: nobody is suppressed
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> left = new HashMap<>(consumer.endOffsets(partitions, timeout));
        long deadline = System.nanoTime() + timeout.toNanos();
        long nowMillis = now.toEpochMilli();
        left.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + Topics.SUPPRESSIONS + " to its end within " + timeout
                        + " (" + left.size() + " partitions behind); launch without --skip-suppressed or retry");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                if (r.key() == null) {
                    continue;
                }
                boolean blocks = r.value() != null && SuppressionRule.blocksCampaign(serde.decode(r), listId, nowMillis);
                set.record(normalize(r.key()), blocks);
            }
            left.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
        return set;
    }

    private void record(String normalizedAddress, boolean blocks) {
        long h = hash(normalizedAddress);
        if (blocks) {
            blocked.add(h);
            lifted.remove(h);
        } else if (blocked.contains(h)) {
            lifted.add(h);
        }
    }

    public boolean contains(EmailAddress address) {
        long h = hash(address.normalized());
        return blocked.contains(h) && !lifted.contains(h);
    }

    /** Addresses held (suppressed at some point; lifted ones included). */
    public long size() {
        return blocked.size();
    }

    private long hash(String normalized) {
        byte[] d = sha256.digest(normalized.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }

    private static String normalize(String key) {
        try {
            return EmailAddress.parse(key).normalized();
        } catch (RuntimeException e) {
            return key.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
