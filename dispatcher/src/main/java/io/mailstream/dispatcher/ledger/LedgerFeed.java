package io.mailstream.dispatcher.ledger;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.follow.CatchUpTimeoutException;
import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materialises {@code mail.delivery-events} (every dispatcher's outcomes) into the {@link SentLedger}
 * on its own named thread, with a group-less consumer. Each partition resumes from the position
 * stored in the ledger with what was read before it; a partition without one starts at the first
 * event of the last {@code ledger.horizon} (older facts would be forgotten anyway).
 * {@link #awaitCaughtUp} blocks until the end offsets seen at start are read: a dispatcher does not
 * deliver before its ledger knows what was sent (DESIGN: "Fail closed").
 */
public final class LedgerFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MISSING_TOPIC_RECHECK = Duration.ofSeconds(2);

    private final Consumer<byte[], byte[]> consumer;
    private final AvroSerde<DeliveryEvent> serde;
    private final SentLedger ledger;
    private final Duration horizon;
    private final Clock clock;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** Counted down by close(): not an interrupt, which would make the consumer's close() throw. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long applied;
    private boolean started;
    private boolean closed;

    public LedgerFeed(String threadName, Consumer<byte[], byte[]> consumer, AvroSerde<DeliveryEvent> serde,
                      SentLedger ledger, Duration horizon, Clock clock) {
        this.consumer = consumer;
        this.serde = serde;
        this.ledger = ledger;
        this.horizon = horizon;
        this.clock = clock;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public synchronized void start() {
        started = true;
        thread.start();
    }

    /** Blocks until the ledger holds every event written before {@link #start()}; throws past {@code timeout}. */
    public void awaitCaughtUp(Duration timeout) {
        try {
            if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CatchUpTimeoutException(Topics.DELIVERY_EVENTS, timeout, failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatchUpTimeoutException(Topics.DELIVERY_EVENTS, timeout, null);
        }
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Caught up, and still following: the feed did not stop on an error. */
    public boolean isCurrent() {
        return isCaughtUp() && failure == null;
    }

    /** Events applied to the ledger since start. */
    public long applied() {
        return applied;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> target = new HashMap<>(consumer.endOffsets(partitions));
            seekToStart(partitions);
            checkCaughtUp(target);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    apply(records);
                }
                if (!isCaughtUp()) {
                    checkCaughtUp(target);
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                failure = e;
                log.error("the sent-ledger feed stopped: outcomes of other dispatchers are no longer learnt", e);
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("closing the sent-ledger consumer failed: {}", e.toString());
            }
        }
    }

    /**
     * A missing topic means nothing was sent yet: the ledger is caught up (empty) until the topic is
     * created (topic provisioning may run after the dispatcher), then it is read from its start.
     */
    private List<TopicPartition> partitions() throws InterruptedException {
        boolean warned = false;
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.DELIVERY_EVENTS);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            if (!warned) {
                log.warn("topic {} does not exist (yet): the sent-ledger starts empty", Topics.DELIVERY_EVENTS);
                warned = true;
            }
            caughtUp.countDown();
            if (stopping.await(MISSING_TOPIC_RECHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                return List.of();
            }
        }
        return List.of();
    }

    private void seekToStart(List<TopicPartition> partitions) {
        Map<Integer, Long> stored = ledger.positions();
        Map<TopicPartition, Long> byTime = new HashMap<>();
        long since = clock.instant().minus(horizon).toEpochMilli();
        for (TopicPartition tp : partitions) {
            Long position = stored.get(tp.partition());
            if (position != null) {
                consumer.seek(tp, position);
            } else {
                byTime.put(tp, since);
            }
        }
        if (byTime.isEmpty()) {
            log.info("sent-ledger resumes {} from its stored positions {}", Topics.DELIVERY_EVENTS, stored);
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(byTime);
        List<TopicPartition> nothingSince = new ArrayList<>();
        byTime.keySet().forEach(tp -> {
            OffsetAndTimestamp at = starts.get(tp);
            if (at == null) {
                nothingSince.add(tp);
            } else {
                consumer.seek(tp, at.offset());
            }
        });
        if (!nothingSince.isEmpty()) {
            consumer.seekToEnd(nothingSince); // never with an empty list: that means every assigned partition
        }
        log.info("sent-ledger reads {} from {} ago for {} partitions without a stored position", Topics.DELIVERY_EVENTS,
                horizon, byTime.size());
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        List<SentLedger.Outcome> outcomes = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                DeliveryEvent e = serde.decode(r);
                outcomes.add(new SentLedger.Outcome(e.getMessageId(), e.getAttempt(), e.getOutcome() != Outcome.DEFERRED,
                        e.getTimestamp()));
            } catch (CorruptRecordException | SchemaRegistryException ex) {
                // Not ours to judge: an unreadable event only means its message is not known as sent here.
                log.warn("sent-ledger skips unreadable event {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                        ex.getMessage());
            }
        }
        Map<Integer, Long> positions = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            positions.put(tp.partition(), consumer.position(tp));
        }
        ledger.apply(outcomes, positions);
        applied += outcomes.size();
    }

    private void checkCaughtUp(Map<TopicPartition, Long> target) {
        target.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (target.isEmpty()) {
            caughtUp.countDown();
            log.info("sent-ledger caught up with {}", Topics.DELIVERY_EVENTS);
        }
    }

    /** Stops the thread and closes its consumer; waits at most {@code timeout}. */
    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        stopping.countDown(); // ends the wait for a missing topic; a poll is ended by wakeup()
        if (!started) {
            consumer.close(Duration.ZERO);
            return;
        }
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
