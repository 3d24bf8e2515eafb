package io.mailstream.producer.api;

import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency claims shared by every API replica through {@link Topics#IDEMPOTENCY_KEYS}. A claim is
 * a record keyed {@code <messageId>/<fingerprint>} written to the partition of its message id; each
 * replica follows the whole topic and keeps, per message id, the fingerprint of the first claim in
 * the partition's order. A replica that meets an id it has not seen writes its claim, waits until
 * its follower has read past that record's offset, and then knows, as every other replica does,
 * which claim came first. So the same key with a different body gets 422 on any replica, and after
 * a restart (the topic is read again from its start).
 *
 * <p>The key holds the fingerprint so that compaction keeps one record per (id, body) and never
 * replaces the first claim by a later, refused one. Claims older than {@link Topics#IDEMPOTENCY_HORIZON}
 * are deleted by the broker and forgotten by the follower: memory holds the claims of that horizon
 * (about 200 bytes each).
 */
public final class KafkaIdempotencyClaims implements IdempotencyClaims {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIdempotencyClaims.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    /** The first claim of a message id: its body's fingerprint and when it was written. */
    private record Claim(String fingerprint, long timestampMillis) {
    }

    private final Producer<String, byte[]> producer;
    private final Consumer<String, byte[]> consumer;
    private final Duration timeout;
    private final Duration horizon;
    private final Clock clock;
    private final Map<String, Claim> first = new ConcurrentHashMap<>();
    /** Next offset the follower will read, per partition; guarded by {@code this}. */
    private final Map<Integer, Long> positions = new HashMap<>();
    private final Thread follower;
    private volatile boolean running = true;
    private volatile int partitions;
    private volatile RuntimeException failure;

    /**
     * @param timeout how long a claim may take to be acknowledged and read back before the request fails (503)
     */
    public KafkaIdempotencyClaims(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer, Duration timeout,
                                  Duration horizon, Clock clock) {
        this.producer = producer;
        this.consumer = consumer;
        this.timeout = timeout;
        this.horizon = horizon;
        this.clock = clock;
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.IDEMPOTENCY_KEYS, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.IDEMPOTENCY_KEYS + " does not exist; create the topics first "
                    + "(mailstream topics create)");
        }
        this.partitions = infos.size();
        List<TopicPartition> assigned = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        this.follower = Thread.ofPlatform().name("idempotency-claims-follower").daemon().unstarted(this::follow);
    }

    public KafkaIdempotencyClaims start() {
        follower.start();
        return this;
    }

    @Override
    public Verdict claim(String messageId, String fingerprint) throws InterruptedException {
        Claim known = first.get(messageId);
        if (known != null) {
            return verdict(known, fingerprint);
        }
        RecordMetadata written;
        try {
            written = producer.send(new ProducerRecord<>(Topics.IDEMPOTENCY_KEYS, partitionOf(messageId),
                            messageId + "/" + fingerprint, fingerprint.getBytes(StandardCharsets.UTF_8)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new PublishFailedException(messageId, "the Idempotency-Key claim was not acknowledged: " + cause.getMessage(), cause);
        }
        awaitRead(messageId, written);
        Claim owner = first.get(messageId);
        if (owner == null) {
            // only when our own claim fell out of the horizon at once: a clock far behind the broker's
            throw new PublishFailedException(messageId, "the Idempotency-Key claim was read back but is already past the "
                    + horizon + " horizon (is this host's clock right?)", null);
        }
        return verdict(owner, fingerprint);
    }

    private static Verdict verdict(Claim owner, String fingerprint) {
        return owner.fingerprint().equals(fingerprint) ? Verdict.OWNED : Verdict.OTHER_BODY;
    }

    /** Kafka's default partitioner on the message id, so all claims of an id meet in one partition. */
    private int partitionOf(String messageId) {
        return Utils.toPositive(Utils.murmur2(messageId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private synchronized void awaitRead(String messageId, RecordMetadata written) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (positions.getOrDefault(written.partition(), 0L) <= written.offset()) {
            if (failure != null) {
                throw new PublishFailedException(messageId, "the Idempotency-Key follower stopped: " + failure.getMessage(), failure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new PublishFailedException(messageId, "the Idempotency-Key claim was not read back within " + timeout
                        + " (is " + Topics.IDEMPOTENCY_KEYS + " far behind?)", null);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void follow() {
        long nextPurge = clock.millis() + PURGE_EVERY.toMillis();
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    apply(r);
                }
                Map<Integer, Long> now = new HashMap<>();
                for (TopicPartition tp : consumer.assignment()) {
                    now.put(tp.partition(), consumer.position(tp));
                }
                synchronized (this) {
                    positions.putAll(now);
                    notifyAll();
                }
                if (clock.millis() >= nextPurge) {
                    long cutoff = clock.millis() - horizon.toMillis();
                    first.values().removeIf(c -> c.timestampMillis() < cutoff);
                    nextPurge = clock.millis() + PURGE_EVERY.toMillis();
                }
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                LOG.warn("reading {} failed; retrying: {}", Topics.IDEMPOTENCY_KEYS, e.getMessage());
            } catch (RuntimeException e) {
                failure = e;
                LOG.error("the {} follower stopped; requests with an Idempotency-Key fail until a restart",
                        Topics.IDEMPOTENCY_KEYS, e);
                synchronized (this) {
                    notifyAll();
                }
                return;
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        String key = r.key();
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash <= 0 || r.value() == null) {
            LOG.warn("ignoring a record of {} that is not a claim: {}-{}@{}", Topics.IDEMPOTENCY_KEYS, r.topic(),
                    r.partition(), r.offset());
            return;
        }
        if (r.timestamp() < clock.millis() - horizon.toMillis()) {
            return; // past the horizon: the broker deletes it soon, and it no longer binds the key
        }
        first.putIfAbsent(key.substring(0, slash), new Claim(key.substring(slash + 1), r.timestamp()));
    }

    /** Claims held in memory (within the horizon). */
    public int size() {
        return first.size();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            follower.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close(Duration.ofSeconds(5));
    }
}
