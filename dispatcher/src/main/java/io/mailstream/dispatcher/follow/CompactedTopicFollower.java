package io.mailstream.dispatcher.follow;

import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic ({@code mail.campaigns}, {@code mail.suppressions}) from the beginning
 * on its own named thread and keeps following it, feeding a {@link TableUpdates}. Every dispatcher
 * needs the whole table, so partitions are assigned, not subscribed: no consumer group, no commits.
 * {@link #awaitCaughtUp(Duration)} blocks until the end offsets seen at start have been read.
 */
public final class CompactedTopicFollower<V extends SpecificRecord> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompactedTopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MISSING_TOPIC_RECHECK = Duration.ofSeconds(2);

    private final String topic;
    private final Consumer<byte[], byte[]> consumer;
    private final AvroSerde<V> serde;
    private final TableUpdates<V> table;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** Counted down by close(): wakes the missing-topic wait without interrupting the thread. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private boolean started;
    private boolean closed;

    public CompactedTopicFollower(String threadName, String topic, Consumer<byte[], byte[]> consumer,
                                  AvroSerde<V> serde, TableUpdates<V> table) {
        this.topic = topic;
        this.consumer = consumer;
        this.serde = serde;
        this.table = table;
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

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = new HashMap<>(consumer.endOffsets(partitions));
            log.info("following {} ({} partitions) from the beginning, end offsets {}", topic, partitions.size(), target);
            checkCaughtUp(target);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (!isCaughtUp()) {
                    checkCaughtUp(target);
                }
            }
        } catch (RuntimeException e) {
            // WakeupException is how close() stops a blocked poll.
            if (running) {
                failure = e;
                log.error("follower of {} stopped: the table it feeds is no longer updated", topic, e);
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("closing the consumer of {} failed: {}", topic, e.toString());
            }
        }
    }

    /**
     * A missing topic is an empty table: start with it, and pick the topic up once it is created
     * (topic provisioning may run after the dispatcher).
     */
    private List<TopicPartition> awaitPartitions() {
        boolean warned = false;
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (!warned) {
                log.warn("topic {} does not exist (yet); treating it as empty until it does", topic);
                warned = true;
            }
            caughtUp.countDown();
            try {
                if (stopping.await(MISSING_TOPIC_RECHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                    return List.of();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private void checkCaughtUp(Map<TopicPartition, Long> target) {
        target.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (target.isEmpty()) {
            caughtUp.countDown();
            log.info("caught up with {}", topic);
        }
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
            // A compacted table keeps its last good value for the key; the bad record stays on the topic for inspection.
            log.error("skipping undecodable table record: {}", e.getMessage());
        }
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
