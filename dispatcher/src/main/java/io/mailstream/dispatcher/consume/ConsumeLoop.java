package io.mailstream.dispatcher.consume;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.ledger.DeliveredPastCommit;
import io.mailstream.dispatcher.outcome.OutcomeListener;
import io.mailstream.dispatcher.queue.DomainQueues;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's consumer: polls {@code mail.transactional}, {@code mail.outbound} and the retry
 * topics in one group and fans the records out into per-domain queues ({@link DomainQueues}) served
 * by {@link DeliveryWorkers}, so a slow or failing domain never delays the others of its partition.
 * It owns every interaction with the consumer: back-pressure (partitions paused while too many of
 * their records are in memory), retry records held back until their {@code notBefore} (their
 * partition is paused and sought back), and the commit rule: per partition, only up to the last
 * record of the longest prefix whose outcomes Kafka has acknowledged ({@link PendingOffsets}).
 * Undecodable records go to the dead-letter topic with their original bytes. {@link #pollOnce()},
 * {@link #shutdown(Duration)} and the rebalance callbacks run on the owner's thread.
 */
public final class ConsumeLoop {
    private static final Logger log = LoggerFactory.getLogger(ConsumeLoop.class);
    /** Poll order is also priority order within a batch: transactional first. */
    static final List<String> TOPICS = topics();
    private static final Duration BUSY_POLL = Duration.ofMillis(20);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final OutcomePublisher publisher;
    private final AvroSerde<MailMessage> serde;
    private final MessageProcessor processor;
    private final Clock clock;
    private final String dispatcherId;
    private final Duration pollTimeout;
    private final Duration revokeTimeout;
    private final EngineSettings settings;
    private final DomainQueues<Work> queues;
    private final DeliveryWorkers workers;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Work.Held> held = new ConcurrentLinkedQueue<>();
    private final Set<String> heldCampaigns = new HashSet<>();
    private final Map<TopicPartition, PartitionState> states = new HashMap<>();
    private final PendingOffsets pending = new PendingOffsets();
    private final PartitionPauses pauses = new PartitionPauses();
    private final DeliveredPastCommit alreadyDone = new DeliveredPastCommit();
    private long lastCommit = System.nanoTime();
    private volatile boolean stopping;
    private volatile int bufferedSnapshot; // for metrics, read from other threads
    private boolean workersStarted;

    public ConsumeLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                       MessageProcessor processor, Clock clock, String dispatcherId, Duration pollTimeout,
                       EngineSettings settings, RetryPolicy retries, Duration revokeTimeout) {
        this(consumer, producer, registry, processor, clock, dispatcherId, pollTimeout, settings, retries, revokeTimeout,
                OutcomeListener.NONE);
    }

    /** As above, telling {@code outcomes} of every acknowledged delivery event (metrics). */
    public ConsumeLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                       MessageProcessor processor, Clock clock, String dispatcherId, Duration pollTimeout,
                       EngineSettings settings, RetryPolicy retries, Duration revokeTimeout, OutcomeListener outcomes) {
        this.consumer = consumer;
        this.producer = producer;
        this.publisher = new OutcomePublisher(producer, registry, outcomes);
        this.serde = AvroSerde.forValue(MailMessage.class, registry);
        this.processor = processor;
        this.clock = clock;
        this.dispatcherId = dispatcherId;
        this.pollTimeout = pollTimeout;
        this.revokeTimeout = revokeTimeout;
        this.settings = settings;
        this.queues = new DomainQueues<>(Work::routingKey, Work::urgent, settings.perDomainConcurrency());
        this.workers = new DeliveryWorkers(queues, processor, publisher, retries, clock, dispatcherId, completions, held);
    }

    private static List<String> topics() {
        List<String> t = new ArrayList<>(List.of(Topics.TRANSACTIONAL, Topics.OUTBOUND));
        Topics.RETRY_DELAYS.forEach(d -> t.add(Topics.retryTopic(d)));
        return List.copyOf(t);
    }

    /** Registers output schemas, starts the delivery workers and joins the group; call once, first. */
    public void subscribe() {
        publisher.registerSchemas();
        workers.start(settings.workers(), "mailstream-dispatcher-" + dispatcherId);
        workersStarted = true;
        consumer.subscribe(TOPICS, new Rebalance());
    }

    /** Asks the loop to stop polling; {@link #shutdown(Duration)} then drains. Safe from any thread. */
    public void requestStop() {
        stopping = true;
    }

    /** Polls once and queues what came; commits what is durable; returns how many records were queued or dead-lettered. */
    public int pollOnce() throws InterruptedException {
        Instant now = clock.instant();
        pauses.releaseDue(now);
        releaseHeld();
        drainCompletions();
        commitDurableEvery();
        applyBackPressure();
        Duration timeout = buffered() > 0 && BUSY_POLL.compareTo(pollTimeout) < 0 ? BUSY_POLL : pollTimeout;
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        int accepted = 0;
        Set<TopicPartition> skip = new HashSet<>();
        now = clock.instant();
        for (String topic : TOPICS) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(topic)) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (stopping || skip.contains(tp)) {
                    if (!skip.contains(tp)) {
                        consumer.seek(tp, record.offset());
                        skip.add(tp);
                    }
                    continue;
                }
                if (accept(record, tp, now)) {
                    accepted++;
                } else {
                    // Read again from this record later: nothing after it in the partition may overtake it.
                    consumer.seek(tp, record.offset());
                    skip.add(tp);
                }
            }
        }
        drainCompletions();
        commitDurableEvery();
        applyBackPressure();
        return accepted;
    }

    /** @return false when the record must be read again later (not due yet, or the registry is unreachable) */
    private boolean accept(ConsumerRecord<byte[], byte[]> record, TopicPartition tp, Instant now) {
        if (alreadyDone.consume(tp, record.offset())) {
            // Delivered by the partition's previous owner past its committed offset: a no-op, not a second mail.
            pending.track(tp, record.offset(), List.of());
            return true;
        }
        MailMessage message;
        try {
            message = serde.decode(record);
        } catch (CorruptRecordException e) {
            log.error("dead-lettering undecodable record: {}", e.getMessage());
            pending.track(tp, record.offset(), List.of(publisher.deadLetter(record, e)));
            return true;
        } catch (SchemaRegistryException e) {
            log.warn("schema registry unavailable while decoding {}-{}@{}; will retry: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
        if (message.getNotBefore() != null && now.isBefore(message.getNotBefore())) {
            if (!pauses.isNotDue(tp)) {
                log.debug("{} is not due before {}: pausing {}", message.getMessageId(), message.getNotBefore(), tp);
            }
            pauses.notDueUntil(tp, message.getNotBefore());
            return false;
        }
        PartitionState state = states.computeIfAbsent(tp, PartitionState::new);
        pending.begin(tp, record.offset());
        state.buffered(1);
        queues.offer(new Work(state, record.offset(), message, Topics.TRANSACTIONAL.equals(tp.topic())));
        return true;
    }

    private void releaseHeld() {
        Set<String> released = new HashSet<>();
        for (Iterator<Work.Held> it = held.iterator(); it.hasNext(); ) {
            Work.Held h = it.next();
            if (h.work().state().revoked()) {
                it.remove();
            } else if (heldCampaigns.add(h.campaignId())) {
                log.info("campaign {} is paused: holding its messages (first at {}@{})", h.campaignId(),
                        h.work().partition(), h.work().offset());
            } else if (processor.mayRelease(h.campaignId())) {
                it.remove();
                released.add(h.campaignId());
                queues.offer(h.work());
            }
        }
        for (String campaign : released) {
            if (heldCampaigns.remove(campaign)) {
                log.info("campaign {} no longer paused: releasing its held messages", campaign);
            }
        }
    }

    private void drainCompletions() {
        Completion c;
        while ((c = completions.poll()) != null) {
            apply(c);
        }
    }

    private void apply(Completion c) {
        c.state().buffered(-1);
        if (states.get(c.state().partition()) == c.state()) {
            pending.complete(c.state().partition(), c.offset(), c.writes());
        }
    }

    private int buffered() {
        int total = 0;
        for (PartitionState s : states.values()) {
            total += s.buffered();
        }
        return total;
    }

    private void applyBackPressure() {
        int total = 0;
        int bound = settings.maxBufferedPerPartition();
        for (PartitionState s : states.values()) {
            int b = s.buffered();
            total += b;
            if (b >= bound) {
                pauses.full(s.partition(), true);
            } else if (b <= bound / 2) {
                pauses.full(s.partition(), false);
            }
        }
        bufferedSnapshot = total;
        if (total >= settings.maxBuffered()) {
            pauses.allFull(true, total);
        } else if (total <= settings.maxBuffered() / 2) {
            pauses.allFull(false, total);
        }
        pauses.apply(consumer);
    }

    private void commitDurableEvery() {
        long now = System.nanoTime();
        // A commit is a broker round trip: at most one per interval while busy; rebalance and shutdown commit at once.
        if (now - lastCommit >= settings.commitInterval().toNanos()) {
            lastCommit = now;
            commitDurable();
        }
    }

    private void commitDurable() {
        PendingOffsets.Progress progress = pending.drain();
        for (PendingOffsets.Failure f : progress.failures()) {
            // The outcome is not durable: re-read the record (and what follows it) rather than lose it.
            log.error("write for {}@{} was not acknowledged; re-reading the partition from there", f.partition(),
                    f.offset(), f.cause());
            handBack(List.of(f.partition()));
            states.put(f.partition(), new PartitionState(f.partition()));
            consumer.seek(f.partition(), f.offset());
        }
        if (!progress.committable().isEmpty()) {
            commit(progress.committable());
        }
    }

    /** Stops delivering the partitions' records here: queued and held ones are dropped, to be read again. */
    private List<PartitionState> handBack(Collection<TopicPartition> partitions) {
        List<PartitionState> revoked = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionState s = states.remove(tp);
            if (s != null) {
                s.revoke();
                revoked.add(s);
            }
        }
        queues.removeIf(w -> w.state().revoked());
        held.removeIf(h -> h.work().state().revoked());
        pending.forget(partitions);
        pauses.forget(partitions);
        return revoked;
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // Typically a rebalance took the partitions; their next owner re-reads from the last commit.
            log.warn("commit of {} failed: {}", offsets, e.toString());
        }
    }

    /**
     * Lets the workers finish what is queued, committing as outcomes become durable, for up to half
     * of {@code timeout}; then hands the rest back (uncommitted, so the next owner delivers it),
     * waits up to a quarter for the SMTP transactions in flight, and flushes and commits what they
     * wrote in the rest. Only transactions still running at the end can be repeated by the next owner.
     */
    public void shutdown(Duration timeout) {
        stopping = true;
        long start = System.nanoTime();
        long drainUntil = start + timeout.toNanos() / 2;
        long workersUntil = start + timeout.toNanos() * 3 / 4;
        long deadline = start + timeout.toNanos();
        try {
            while (buffered() - held.size() > 0 && System.nanoTime() < drainUntil) {
                Completion c = completions.poll(20, TimeUnit.MILLISECONDS);
                if (c != null) {
                    apply(c);
                }
                drainCompletions();
                commitDurable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // No delivery starts from here on; those in flight finish and their outcomes are committed.
        int left = queues.removeIf(w -> true).size();
        held.clear();
        if (workersStarted) {
            workers.stop(Duration.ofNanos(Math.max(0, workersUntil - System.nanoTime())));
        }
        states.values().forEach(PartitionState::revoke);
        drainCompletions();
        flush(Duration.ofNanos(Math.max(50_000_000L, deadline - System.nanoTime())));
        drainCompletions();
        commitDurable();
        if (left > 0 || !pending.isEmpty()) {
            log.warn("stopped with {} queued records handed back and {} records' outcomes not acknowledged; "
                    + "they will be processed again", left, pending.size());
        }
    }

    private void flush(Duration timeout) {
        // flush() has no timeout of its own; the grace period bounds it, producer.close() ends the rest.
        Thread flusher = new Thread(producer::flush, Thread.currentThread().getName() + "-flush");
        flusher.setDaemon(true);
        flusher.start();
        try {
            flusher.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Campaigns whose messages are currently held, by the first held message's partition. */
    public Map<TopicPartition, String> held() {
        Map<TopicPartition, String> out = new HashMap<>();
        for (Work.Held h : held) {
            out.putIfAbsent(h.work().partition(), h.campaignId());
        }
        return out;
    }

    /** Records skipped because the sent-ledger in the committed metadata says they were delivered already. */
    public long skippedAsAlreadyDone() {
        return alreadyDone.skipped();
    }

    /** Messages parked because their campaign is paused. */
    public int heldRecords() {
        return held.size();
    }

    /** Records in memory: queued, being delivered, held, or delivered and not yet seen by this loop. */
    public int bufferedRecords() {
        return buffered();
    }

    /** {@link #bufferedRecords()} as of the last poll; safe to read from any thread. */
    public int bufferedRecordsSnapshot() {
        return bufferedSnapshot;
    }

    /** Records handed to delivery whose outcome is not yet acknowledged (and so not committed). */
    public int uncommittedRecords() {
        return pending.size();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // Queued records go back to the group; deliveries in flight finish, then we commit what they did.
            long deadline = System.nanoTime() + revokeTimeout.toNanos();
            List<PartitionState> revoking = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                PartitionState s = states.get(tp);
                if (s != null) {
                    s.revoke();
                    revoking.add(s);
                }
            }
            queues.removeIf(w -> w.state().revoked());
            held.removeIf(h -> h.work().state().revoked());
            try {
                for (PartitionState s : revoking) {
                    if (!s.awaitIdle(deadline)) {
                        log.warn("deliveries of {} still running after {}; their records will be read again", s.partition(),
                                revokeTimeout);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drainCompletions();
            producer.flush();
            drainCompletions();
            commitDurable();
            handBack(partitions);
            alreadyDone.forget(partitions);
            log.info("revoked {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("assigned {}", partitions);
            alreadyDone.load(consumer, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            alreadyDone.forget(partitions);
            handBack(partitions);
        }
    }
}
