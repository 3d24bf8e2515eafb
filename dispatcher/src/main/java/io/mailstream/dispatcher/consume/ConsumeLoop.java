package io.mailstream.dispatcher.consume;

import io.mailstream.avro.MailMessage;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.dispatcher.ledger.DeliveredPastCommit;
import io.mailstream.dispatcher.outcome.OutcomeListener;
import io.mailstream.dispatcher.outcome.LaneListener;
import io.mailstream.dispatcher.ledger.DeliveryEventsTail;
import io.mailstream.dispatcher.ledger.InMemorySentLedger;
import io.mailstream.dispatcher.ledger.SentLedger;
import io.mailstream.dispatcher.ledger.SentLedgerSettings;
import io.mailstream.dispatcher.ledger.LedgerSettings;
import io.mailstream.dispatcher.ledger.OutcomesSinceCommit;
import io.mailstream.dispatcher.queue.DomainQueues;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's consumer: polls {@code mail.transactional}, {@code mail.outbound} and the retry
 * topics in one group and fans the records out into per-domain queues ({@link DomainQueues}) served
 * by {@link DeliveryWorkers}, so a slow or failing domain never delays the others of its partition.
 * It owns every interaction with the consumer and delegates the rules: back-pressure to
 * {@link PartitionBuffers}, retry records not yet due to {@link PartitionPauses} (their partition is
 * paused and sought back), paused campaigns to {@link HeldMessages}, and the commit rule to
 * {@link DurableCommits}, decoding to {@link RecordDecoding}: undecodable records go to the dead-letter topic with
 * their original bytes, a record whose schema id is unknown (for a while) or that meets a registry outage waits.
 * {@link #pollOnce()}, {@link #shutdown(Duration)} and the rebalance callbacks run on the owner's thread.
 */
public final class ConsumeLoop {
    private static final Logger log = LoggerFactory.getLogger(ConsumeLoop.class);
    /** Poll order is also priority order within a batch: transactional first. */
    static final List<String> TOPICS = topics();
    private static final Duration BUSY_POLL = Duration.ofMillis(20);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final OutcomePublisher publisher;
    private final MessageProcessor processor;
    private final Clock clock;
    private final String dispatcherId;
    private final Duration pollTimeout;
    private final Duration revokeTimeout;
    private final EngineSettings settings;
    private final DomainQueues<Work> queues;
    private final DeliveryWorkers workers;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final HeldMessages held = new HeldMessages();
    private final PausedCampaigns pausedCampaigns = new PausedCampaigns();
    private final PartitionPauses pauses = new PartitionPauses();
    private final PartitionBuffers buffers;
    private final DurableCommits commits;
    private final DeliveredPastCommit alreadyDone = new DeliveredPastCommit();
    private final OutcomesSinceCommit doneSinceCommit;
    private final PoisonedOffsets poisoned = new PoisonedOffsets();
    private final RecordDecoding decoding;
    private final LongAdder deadLettered = new LongAdder();
    private volatile boolean stopping;
    private volatile int bufferedSnapshot; // for metrics, read from other threads
    private boolean workersStarted;

    public ConsumeLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                       MessageProcessor processor, Clock clock, String dispatcherId, Duration pollTimeout,
                       EngineSettings settings, RetryPolicy retries, Duration revokeTimeout) {
        this(consumer, producer, registry, processor, clock, dispatcherId, pollTimeout, settings, retries, revokeTimeout,
                OutcomeListener.NONE, Optional.empty(), LedgerSettings.defaults(),
                new InMemorySentLedger(clock, SentLedgerSettings.DEFAULT_HORIZON));
    }

    /**
     * As above, telling {@code outcomes} of every acknowledged delivery event (metrics), with a
     * group-less consumer of {@code mail.delivery-events} that, on assignment, reads back the
     * outcomes the partitions' previous owner wrote after its last commit, and the sent-ledger keyed
     * by message id that every record is checked against before its SMTP transaction.
     */
    public ConsumeLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                       MessageProcessor processor, Clock clock, String dispatcherId, Duration pollTimeout,
                       EngineSettings settings, RetryPolicy retries, Duration revokeTimeout, OutcomeListener outcomes,
                       Optional<Consumer<byte[], byte[]>> eventsReader, LedgerSettings ledger, SentLedger sent) {
        this(consumer, producer, registry, processor, clock, dispatcherId, pollTimeout, settings, retries, revokeTimeout,
                outcomes, eventsReader, ledger, sent, UnknownSchemaPolicy.defaults());
    }

    /** As above, reading records with a schema id the registry does not know again as {@code unknownSchemas} says. */
    public ConsumeLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                       MessageProcessor processor, Clock clock, String dispatcherId, Duration pollTimeout,
                       EngineSettings settings, RetryPolicy retries, Duration revokeTimeout, OutcomeListener outcomes,
                       Optional<Consumer<byte[], byte[]>> eventsReader, LedgerSettings ledger, SentLedger sent,
                       UnknownSchemaPolicy unknownSchemas) {
        this(consumer, producer, registry, processor, clock, dispatcherId, pollTimeout, settings, retries, revokeTimeout,
                outcomes, eventsReader, ledger, sent, unknownSchemas, LaneListener.NONE);
    }

    /** As above, telling {@code lanes} of every decided message (per-tenant and per-priority metrics, latency). */
    public ConsumeLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                       MessageProcessor processor, Clock clock, String dispatcherId, Duration pollTimeout,
                       EngineSettings settings, RetryPolicy retries, Duration revokeTimeout, OutcomeListener outcomes,
                       Optional<Consumer<byte[], byte[]>> eventsReader, LedgerSettings ledger, SentLedger sent,
                       UnknownSchemaPolicy unknownSchemas, LaneListener lanes) {
        this.consumer = consumer;
        this.producer = producer;
        this.publisher = new OutcomePublisher(producer, registry, outcomes, sent);
        this.decoding = new RecordDecoding(AvroSerde.forValue(MailMessage.class, registry), unknownSchemas);
        this.processor = processor;
        this.clock = clock;
        this.dispatcherId = dispatcherId;
        this.pollTimeout = pollTimeout;
        this.revokeTimeout = revokeTimeout;
        this.settings = settings;
        this.buffers = new PartitionBuffers(settings, pauses);
        // The commit time in the metadata is compared with the producer's record timestamps: the wall clock,
        // not the injected one (which tests move to make retries due).
        this.commits = new DurableCommits(consumer, settings.commitInterval(), Clock.systemUTC());
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        this.doneSinceCommit = new OutcomesSinceCommit(eventsReader.map(c -> new DeliveryEventsTail(c, events)), ledger,
                Clock.systemUTC());
        this.queues = new DomainQueues<>(Work::routingKey, Work::urgent, w -> w.message().getPriority(),
                settings.perDomainConcurrency());
        this.workers = new DeliveryWorkers(queues, processor, publisher, retries, clock, dispatcherId, completions,
                held.inbox(), sent, settings.ackWindow(), lanes);
    }

    private static List<String> topics() {
        List<String> t = new ArrayList<>(List.of(Topics.TRANSACTIONAL));
        Topics.RETRY_DELAYS.forEach(d -> t.add(Topics.transactionalRetryTopic(d)));
        t.add(Topics.OUTBOUND);
        Topics.RETRY_DELAYS.forEach(d -> t.add(Topics.retryTopic(d)));
        return List.copyOf(t);
    }

    /** Registers output schemas, starts the delivery workers and joins the group; call once, first. */
    public void subscribe() {
        publisher.registerSchemas();
        workers.start(settings.workers(), settings.lanes().reservedWorkers(), "mailstream-dispatcher-" + dispatcherId);
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
        held.release(processor, queues::offer, this::skipHeld);
        resumePausedCampaigns();
        drainCompletions();
        handle(commits.commitIfDue());
        buffers.applyBackPressure(consumer);
        bufferedSnapshot = buffers.total();
        Duration timeout = buffers.total() > 0 && BUSY_POLL.compareTo(pollTimeout) < 0 ? BUSY_POLL : pollTimeout;
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
        handle(commits.commitIfDue());
        buffers.applyBackPressure(consumer);
        bufferedSnapshot = buffers.total();
        return accepted;
    }

    /** @return false when the record must be read again later (not due yet, or the registry is unreachable) */
    private boolean accept(ConsumerRecord<byte[], byte[]> record, TopicPartition tp, Instant now) {
        Optional<PoisonedOffsets.Poison> poison = poisoned.take(tp, record.offset());
        if (poison.isPresent()) {
            doneSinceCommit.passed(tp, record.offset());
            if (poison.get().failures() > 1) {
                log.error("dropping {}-{}@{}: even its truncated dead letter was refused ({})", record.topic(),
                        record.partition(), record.offset(), poison.get().cause().toString());
                commits.track(tp, record.offset(), List.of());
            } else {
                log.error("dead-lettering a truncated copy of {}-{}@{}: its write was refused for good ({})", record.topic(),
                        record.partition(), record.offset(), poison.get().cause().toString());
                commits.track(tp, record.offset(), List.of(publisher.deadLetterTruncated(record, poison.get().cause())));
                deadLettered.increment();
            }
            return true;
        }
        if (alreadyDone.consume(tp, record.offset())) {
            // Delivered by the partition's previous owner past its committed offset: a no-op, not a second mail.
            doneSinceCommit.passed(tp, record.offset());
            commits.track(tp, record.offset(), List.of());
            return true;
        }
        MailMessage message;
        switch (decoding.decode(record, now)) {
            case RecordDecoding.Wait w -> {
                pauses.notDueUntil(tp, w.until());
                return false;
            }
            case RecordDecoding.Corrupt c -> {
                log.error("dead-lettering undecodable record: {}", c.error().getMessage());
                doneSinceCommit.passed(tp, record.offset());
                commits.track(tp, record.offset(), List.of(publisher.deadLetter(record, c.error())));
                deadLettered.increment();
                return true;
            }
            case RecordDecoding.Message m -> message = m.message();
        }
        if (doneSinceCommit.consume(tp, record.offset(), message.getMessageId(), message.getAttempt())) {
            // Its outcome was written by the partition's previous owner after its last commit.
            commits.track(tp, record.offset(), List.of());
            return true;
        }
        if (message.getNotBefore() != null && now.isBefore(message.getNotBefore())) {
            if (!pauses.isNotDue(tp)) {
                log.debug("{} is not due before {}: pausing {}", message.getMessageId(), message.getNotBefore(), tp);
            }
            pauses.notDueUntil(tp, message.getNotBefore());
            return false;
        }
        Optional<HoldReason.CampaignPaused> pausedCampaign = processor.pausedCampaign(message);
        if (pausedCampaign.isPresent()) {
            // Not kept in memory: the partition is read again from its first skipped record once the campaign resumes.
            if (pausedCampaigns.skip(tp, record.offset(), pausedCampaign.get())) {
                commits.hold(tp, record.offset());
            }
            return true;
        }
        PartitionState state = buffers.stateOf(tp);
        commits.begin(tp, record.offset());
        state.buffered(1);
        queues.offer(new Work(state, record.offset(), message, Topics.isTransactional(tp.topic())));
        return true;
    }

    /** A record a worker held because its campaign was paused meanwhile: out of memory, as if skipped when read. */
    private void skipHeld(Work.Held h) {
        Work w = h.work();
        w.state().buffered(-1);
        if (buffers.isCurrent(w.state()) && h.reason() instanceof HoldReason.CampaignPaused p) {
            pausedCampaigns.skip(w.partition(), w.offset(), p);
            commits.hold(w.partition(), w.offset());
        }
    }

    /** Partitions whose skipped campaigns have all resumed are read again from their first skipped record. */
    private void resumePausedCampaigns() {
        for (PausedCampaigns.Resume r : pausedCampaigns.resumable(processor::mayRelease)) {
            log.info("campaigns {} may go again: reading {} again from offset {} ({} records were skipped)",
                    r.campaigns(), r.partition(), r.offset(), r.skipped());
            readAgainFrom(r.partition(), r.offset());
        }
    }

    /** Hands the partition's records in memory back and reads it again from {@code offset}. */
    private void readAgainFrom(TopicPartition tp, long offset) {
        handBack(List.of(tp));
        buffers.reset(tp);
        if (consumer.assignment().contains(tp)) {
            consumer.seek(tp, offset);
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
        if (buffers.isCurrent(c.state())) {
            commits.complete(c.state().partition(), c.offset(), c.writes());
        }
    }

    /**
     * A write Kafka refused: its outcome is not durable, so re-read the record (and what follows)
     * rather than lose it. What follows and was already delivered is skipped by the sent-ledger (its
     * event was acknowledged), or written again without SMTP (its event was refused too); a copy
     * still in flight is waited for, message by message ({@code InFlightMessages}). A write refused
     * for good ({@link WriteErrors}) makes its record a dead letter when it is read again, not a loop.
     */
    private void handle(List<PendingOffsets.Failure> failures) {
        for (PendingOffsets.Failure f : failures) {
            if (WriteErrors.isNonRetriable(f.cause())) {
                poisoned.mark(f.partition(), f.offset(), f.cause());
            }
            log.error("write for {}@{} was not acknowledged; re-reading the partition from there", f.partition(),
                    f.offset(), f.cause());
            // Never past a paused campaign's first skipped record: it has not been delivered.
            long from = pausedCampaigns.firstOffset(f.partition()).map(h -> Math.min(h, f.offset())).orElse(f.offset());
            readAgainFrom(f.partition(), from);
        }
    }

    /** Stops delivering the partitions' records here: queued and held ones are dropped, to be read again. */
    private List<PartitionState> handBack(Collection<TopicPartition> partitions) {
        List<PartitionState> revoked = buffers.remove(partitions);
        queues.removeIf(w -> w.state().revoked());
        held.dropRevoked();
        commits.forget(partitions);
        pausedCampaigns.forget(partitions);
        return revoked;
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
            while (buffers.total() - held.size() > 0 && System.nanoTime() < drainUntil) {
                Completion c = completions.poll(20, TimeUnit.MILLISECONDS);
                if (c != null) {
                    apply(c);
                }
                drainCompletions();
                handle(commits.commitNow());
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
        buffers.revokeAll();
        drainCompletions();
        flush(Duration.ofNanos(Math.max(50_000_000L, deadline - System.nanoTime())));
        drainCompletions();
        handle(commits.commitNow());
        if (left > 0 || !commits.isEmpty()) {
            log.warn("stopped with {} queued records handed back and {} records' outcomes not acknowledged; "
                    + "they will be processed again", left, commits.size());
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

    /**
     * Why messages are held or skipped, by partition: the campaigns paused (comma-separated), or the
     * tables not being current. Poll thread only (tests).
     */
    public Map<TopicPartition, String> held() {
        Map<TopicPartition, String> out = new java.util.HashMap<>(held.byPartition());
        pausedCampaigns.byPartition().forEach((tp, campaigns) -> out.putIfAbsent(tp, String.join(",", campaigns.stream().sorted().toList())));
        return out;
    }

    /** Records skipped (not kept in memory) because their campaign was paused, since start. Poll thread. */
    public long skippedForPausedCampaigns() {
        return pausedCampaigns.skippedTotal();
    }

    /**
     * Records skipped because the sent-ledger says they were handled already: listed in the committed
     * metadata, or with an outcome the previous owner wrote after its last commit.
     */
    public long skippedAsAlreadyDone() {
        return alreadyDone.skipped() + doneSinceCommit.skipped();
    }

    /**
     * Records completed without SMTP because the sent-ledger keyed by message id already had their
     * outcome: a relaunch, an API or producer retry of the same message id, a re-read.
     */
    public long skippedAsDuplicate() {
        return workers.duplicatesSkipped();
    }

    /** Records this loop copied to {@code mail.dead-letter} (undecodable, or truncated copies of records refused for good). */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Unexpected throwables the delivery workers met (their records completed as failed) and workers that died. */
    public WorkerFailures workerFailures() {
        return workers.failures();
    }

    /** Messages parked because their campaign is paused. */
    public int heldRecords() {
        return held.size();
    }

    /** Records in memory: queued, being delivered, held, or delivered and not yet seen by this loop. */
    public int bufferedRecords() {
        return buffers.total();
    }

    /** {@link #bufferedRecords()} as of the last poll; safe to read from any thread. */
    public int bufferedRecordsSnapshot() {
        return bufferedSnapshot;
    }

    /** The partition numbers of {@code mail.outbound} this loop owns now. Call it from the polling thread only. */
    public java.util.Set<Integer> ownedMailPartitions() {
        java.util.Set<Integer> owned = new java.util.TreeSet<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (tp.topic().equals(io.mailstream.schemas.topics.Topics.OUTBOUND)) {
                owned.add(tp.partition());
            }
        }
        return owned;
    }

    /** Records handed to delivery whose outcome is not yet acknowledged (and so not committed). */
    public int uncommittedRecords() {
        return commits.size();
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
                PartitionState s = buffers.get(tp);
                if (s != null) {
                    s.revoke();
                    revoking.add(s);
                }
            }
            queues.removeIf(w -> w.state().revoked());
            held.dropRevoked();
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
            // no more permits of theirs here: report their hourly windows for the next owner (the flush below sends them)
            processor.pacing().partitionsRevoked(partitions.stream().map(TopicPartition::partition).toList());
            drainCompletions();
            producer.flush();
            drainCompletions();
            handle(commits.commitNow());
            handBack(partitions);
            alreadyDone.forget(partitions);
            doneSinceCommit.forget(partitions);
            poisoned.forget(partitions);
            decoding.forget(partitions);
            log.info("revoked {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("assigned {}", partitions);
            // before any record of theirs is queued: their keys' rates are spaced from the hand-over
            processor.pacing().partitionsAssigned(partitions.stream().map(TopicPartition::partition).toList());
            Map<TopicPartition, OffsetAndMetadata> committed = alreadyDone.load(consumer, partitions);
            doneSinceCommit.load(consumer, committed, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            poisoned.forget(partitions);
            decoding.forget(partitions);
            alreadyDone.forget(partitions);
            doneSinceCommit.forget(partitions);
            handBack(partitions);
        }
    }
}
