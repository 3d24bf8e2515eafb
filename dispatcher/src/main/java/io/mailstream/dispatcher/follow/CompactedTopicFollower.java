package io.mailstream.dispatcher.follow;

import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.registry.UnknownSchemaIdException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic ({@code mail.campaigns}, {@code mail.suppressions}) from the beginning
 * on its own named thread and keeps following it, feeding a {@link TableUpdates}. Every dispatcher
 * needs the whole table, so partitions are assigned, not subscribed: no consumer group, no commits.
 * {@link #awaitCaughtUp(Duration)} blocks until the end offsets seen at start have been read.
 *
 * <p>Transient errors (the schema registry unreachable, a broker timing out) do not end it: the
 * record that could not be applied is read again after a backoff (100 ms doubling to 5 s), so
 * nothing is skipped. {@link #isCurrent()} says whether the table holds everything written up to
 * {@code maxLag} ago ({@link TableFreshness}); a follower that retries for longer, or died on an
 * error it cannot retry, is not current, and the dispatcher holds its mail until it is.
 */
public final class CompactedTopicFollower<V extends SpecificRecord> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompactedTopicFollower.class);
    /** How long a table may lag behind its topic before the dispatcher stops sending ({@code tables.max-lag}). */
    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MISSING_TOPIC_RECHECK = Duration.ofSeconds(2);
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String topic;
    private final Consumer<byte[], byte[]> consumer;
    private final AvroSerde<V> serde;
    private final TableUpdates<V> table;
    private final CorruptTableRecords corrupt;
    private final Duration unknownSchemaWait;
    /** Since when each unknown schema id has been seen (follower thread only): a run of its records waits once. */
    private final Map<Integer, Instant> unknownSince = new java.util.LinkedHashMap<>();
    private final Clock clock;
    private final TableFreshness freshness;
    private final Duration endOffsetsInterval;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** Counted down by close(): wakes the missing-topic wait and the backoff without interrupting the thread. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private boolean started;
    private boolean closed;

    /** A follower on the system clock that counts as current while it is at most {@link #DEFAULT_MAX_LAG} behind. */
    public CompactedTopicFollower(String threadName, String topic, Consumer<byte[], byte[]> consumer,
                                  AvroSerde<V> serde, TableUpdates<V> table) {
        this(threadName, topic, consumer, serde, table, Clock.systemUTC(), DEFAULT_MAX_LAG);
    }

    /** @param maxLag how far behind its topic the table may be and still count as current */
    public CompactedTopicFollower(String threadName, String topic, Consumer<byte[], byte[]> consumer,
                                  AvroSerde<V> serde, TableUpdates<V> table, Clock clock, Duration maxLag) {
        this(threadName, topic, consumer, serde, table, clock, maxLag, (record, e) -> { }, Duration.ofSeconds(60));
    }

    /**
     * @param corrupt           where records that cannot be decoded go (the dispatcher: {@code mail.dead-letter}); the
     *                          table keeps the key's last good value either way
     * @param unknownSchemaWait how long a record whose schema id the registry does not know is read again (as after a
     *                          transient error: the table falls behind meanwhile) before it counts as corrupt
     */
    public CompactedTopicFollower(String threadName, String topic, Consumer<byte[], byte[]> consumer,
                                  AvroSerde<V> serde, TableUpdates<V> table, Clock clock, Duration maxLag,
                                  CorruptTableRecords corrupt, Duration unknownSchemaWait) {
        this.corrupt = corrupt;
        this.unknownSchemaWait = unknownSchemaWait;
        this.topic = topic;
        this.consumer = consumer;
        this.serde = serde;
        this.table = table;
        this.clock = clock;
        this.freshness = new TableFreshness(clock, maxLag);
        // end offsets are asked for often enough that an up-to-date table is known to be so well within the bound
        Duration quarter = maxLag.dividedBy(4);
        this.endOffsetsInterval = quarter.compareTo(Duration.ofSeconds(1)) < 0 ? quarter : Duration.ofSeconds(1);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public synchronized void start() {
        started = true;
        thread.start();
    }

    /** Blocks until the table holds everything written before start; throws if that takes longer than {@code timeout}. */
    public void awaitCaughtUp(Duration timeout) {
        try {
            if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CatchUpTimeoutException(topic, timeout, failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatchUpTimeoutException(topic, timeout, null);
        }
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Whether the table holds everything written to the topic up to {@code maxLag} ago (false before the initial load and once dead). */
    public boolean isCurrent() {
        return failure == null && freshness.isCurrent();
    }

    /** How far behind the topic the table is; empty before the initial load. */
    public Optional<Duration> lag() {
        return freshness.lag();
    }

    /** The error the follower died of, if it did (it is then never current again). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public String topic() {
        return topic;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            seekToStart(partitions);
            follow(partitions);
        } catch (WakeupException e) {
            if (running) {
                die(e);
            }
        } catch (RuntimeException e) {
            if (running) {
                die(e);
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("closing the consumer of {} failed: {}", topic, e.toString());
            }
        }
    }

    private void die(RuntimeException e) {
        failure = e;
        log.error("follower of {} stopped on an error it cannot retry: the table is no longer current and the "
                + "dispatcher holds its mail", topic, e);
    }

    private void follow(List<TopicPartition> partitions) {
        Instant lastEndOffsets = Instant.MIN;
        Duration backoff = FIRST_BACKOFF;
        int failuresInARow = 0;
        while (running) {
            try {
                Instant now = clock.instant();
                if (!lastEndOffsets.plus(endOffsetsInterval).isAfter(now)) {
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, END_OFFSETS_TIMEOUT);
                    freshness.endOffsetsSeen(now, ends);
                    lastEndOffsets = now;
                }
                var records = consumer.poll(POLL).records(topic);
                applyAll(records);
                if (records.iterator().hasNext()) {
                    table.endOfBatch(positions(partitions));
                }
                freshness.positionsAre(consumer::position);
                if (freshness.loaded() && caughtUp.getCount() > 0) {
                    caughtUp.countDown();
                    log.info("caught up with {}", topic);
                }
                if (failuresInARow > 0) {
                    log.info("follower of {} reads again after {} failed attempt(s)", topic, failuresInARow);
                    failuresInARow = 0;
                    backoff = FIRST_BACKOFF;
                }
            } catch (SchemaRegistryException | RetriableException e) {
                if (failuresInARow++ == 0) {
                    log.warn("follower of {} cannot read on ({}); retrying with backoff, the table falls behind meanwhile",
                            topic, e.toString());
                }
                if (pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** From the positions the table stored with its data, if it keeps any; the other partitions from their beginning. */
    private void seekToStart(List<TopicPartition> partitions) {
        Map<Integer, Long> stored = table.storedPositions();
        List<TopicPartition> fromBeginning = new java.util.ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long position = stored.get(tp.partition());
            if (position == null) {
                fromBeginning.add(tp);
            } else {
                consumer.seek(tp, position);
            }
        }
        if (!fromBeginning.isEmpty()) {
            consumer.seekToBeginning(fromBeginning); // never with an empty list: that means every assigned partition
        }
        log.info("following {} ({} partitions): {} from the beginning, the others from stored positions {}", topic,
                partitions.size(), fromBeginning.size(), stored);
    }

    private Map<Integer, Long> positions(List<TopicPartition> partitions) {
        Map<Integer, Long> out = new java.util.HashMap<>();
        for (TopicPartition tp : partitions) {
            out.put(tp.partition(), consumer.position(tp));
        }
        return out;
    }

    /**
     * Applies the records in order. When one cannot be decoded for a transient reason, it and every
     * later record of the batch are read again (each partition sought back to its first record not
     * applied) before the error is thrown, so nothing is skipped and nothing overtakes it.
     */
    private void applyAll(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        List<ConsumerRecord<byte[], byte[]>> batch = new java.util.ArrayList<>();
        records.forEach(batch::add);
        for (int i = 0; i < batch.size(); i++) {
            try {
                apply(batch.get(i));
            } catch (SchemaRegistryException e) {
                Set<TopicPartition> sought = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> r : batch.subList(i, batch.size())) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (sought.add(tp)) {
                        consumer.seek(tp, r.offset());
                    }
                }
                throw e;
            }
        }
    }

    /** Waits {@code d} unless closed meanwhile; true if closed. */
    private boolean pause(Duration d) {
        try {
            return stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * A missing topic is an empty table: start with it, and pick the topic up once it is created
     * (topic provisioning may run after the dispatcher).
     */
    private List<TopicPartition> awaitPartitions() {
        boolean warned = false;
        while (running) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic);
            } catch (RetriableException e) {
                log.warn("cannot list the partitions of {} ({}); retrying", topic, e.toString());
                if (pause(MISSING_TOPIC_RECHECK)) {
                    return List.of();
                }
                continue;
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (!warned) {
                log.warn("topic {} does not exist (yet); treating it as empty until it does", topic);
                warned = true;
            }
            freshness.emptyAt(clock.instant());
            caughtUp.countDown();
            if (pause(MISSING_TOPIC_RECHECK)) {
                return List.of();
            }
        }
        return List.of();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            log.warn("skipping record without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            table.remove(key);
            return;
        }
        try {
            table.upsert(key, serde.decode(record));
        } catch (CorruptRecordException e) {
            if (e.isUnknownSchemaId() && e.schemaId().isPresent() && stillWaiting(e.schemaId().get())) {
                // Read again with backoff, as after a registry outage: a suppression written against a registry
                // replica not caught up yet must not be dropped (the table is not current meanwhile: mail is held).
                throw new UnknownSchemaIdException(e.schemaId().orElse(-1), "(as seen by the follower of " + topic + ")");
            }
            // A compacted table keeps its last good value for the key; the bad record is copied, with its bytes, to
            // the dead letters (by every dispatcher that reads it, at each start: they all re-read the whole table).
            log.error("dead-lettering undecodable table record: {}", e.getMessage());
            corrupt.deadLetter(record, e);
        }
    }

    private boolean stillWaiting(int schemaId) {
        Instant now = clock.instant();
        if (unknownSince.size() >= 10_000 && !unknownSince.containsKey(schemaId)) {
            unknownSince.remove(unknownSince.keySet().iterator().next());
        }
        return now.isBefore(unknownSince.computeIfAbsent(schemaId, id -> now).plus(unknownSchemaWait));
    }

    /** Stops the thread and closes the consumer; waits at most {@code timeout}. */
    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        if (!started) {
            consumer.close(Duration.ZERO);
            return;
        }
        stopping.countDown();
        // wakeup(), not interrupt(): an interrupt that lands while the thread closes its consumer makes
        // KafkaConsumer.close() throw InterruptException and print a stack trace at every shutdown.
        try {
            consumer.wakeup();
        } catch (RuntimeException e) {
            // already closed by its thread
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
