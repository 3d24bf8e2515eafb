package io.mailstream.dispatcher.consume;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.ledger.SentLedger;
import io.mailstream.dispatcher.outcome.DeliveryEvents;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.LaneListener;
import io.mailstream.dispatcher.lane.MailLane;
import io.mailstream.dispatcher.queue.DomainQueues;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.dispatcher.throttle.OverflowRetry;
import io.mailstream.dispatcher.sending.PinnedSource;
import io.mailstream.dispatcher.throttle.PacedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded set of named delivery workers (virtual threads): each takes the next message from the per-domain
 * queues, decides and delivers it ({@link MessageProcessor}), writes its outcome (event, and for
 * deferred mail the retry record or, past the maximum age, an EXPIRED event instead) and reports
 * the writes as a {@link Completion} to the consume loop, which commits once they are acknowledged.
 * Messages of a paused campaign are parked in {@code held} without a completion. Owned and stopped
 * by the {@link ConsumeLoop}.
 *
 * <p>Before deciding a message, a worker claims its message id ({@link InFlightMessages}) and asks
 * the sent-ledger: a message whose outcome is already recorded (sent by an earlier launch, an earlier
 * copy of an API request, or before a refused write made its partition be re-read) is completed
 * without SMTP and without an event, and counted. The claim is released once the message's event is
 * acknowledged (and recorded) or refused.
 */
final class DeliveryWorkers {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration TAKE_TIMEOUT = Duration.ofMillis(200);
    /** Longer than any SMTP transaction plus its event's acknowledgement: past it, the holder is stuck. */
    private static final Duration MAX_CLAIM_WAIT = Duration.ofMinutes(5);

    private final DomainQueues<Work> queues;
    private final MessageProcessor processor;
    private final OutcomePublisher publisher;
    private final RetryPolicy retries;
    private final Clock clock;
    private final String dispatcherId;
    private final BlockingQueue<Completion> completions;
    private final Queue<Work.Held> held;
    private final SentLedger ledger;
    private final EventAckWindow ackWindow;
    private final LaneListener lanes;
    private final InFlightMessages inFlight = new InFlightMessages();
    private final LongAdder duplicates = new LongAdder();
    private final UnrecordedOutcomes unrecorded = new UnrecordedOutcomes(100_000);
    private final List<Thread> threads = new ArrayList<>();
    private final WorkerFailures failures = new WorkerFailures();
    private volatile boolean running = true;

    DeliveryWorkers(DomainQueues<Work> queues, MessageProcessor processor, OutcomePublisher publisher, RetryPolicy retries,
                    Clock clock, String dispatcherId, BlockingQueue<Completion> completions, Queue<Work.Held> held,
                    SentLedger ledger, EventAckWindow ackWindow, LaneListener lanes) {
        this.lanes = lanes;
        this.ledger = ledger;
        this.ackWindow = ackWindow;
        this.queues = queues;
        this.processor = processor;
        this.publisher = publisher;
        this.retries = retries;
        this.clock = clock;
        this.dispatcherId = dispatcherId;
        this.completions = completions;
        this.held = held;
        // Pacing decides when each lane's head may go; a throttled lane is parked, not served by a waiting worker.
        queues.useGate(processor.pacing().gate(w -> new PacedMessage(w.routingKey(),
                Optional.ofNullable(w.message().getRecipientDomain()), Optional.ofNullable(w.message().getCampaignId()),
                w.partition().partition(), w.urgent()),
                w -> processor.certainlyUnsent(w.message()) || ledger.covers(w.message().getMessageId(), w.message().getAttempt())),
                clock);
    }

    /**
     * One virtual thread per worker, so a worker is one SMTP transaction in flight, not an OS thread:
     * against receivers that take a second to answer, throughput is concurrency divided by latency,
     * and thousands of waiting transactions cost a few KB of heap each. Virtual threads are daemons:
     * one stuck in a socket read does not keep the JVM alive past close().
     */
    void start(int count, String namePrefix) {
        start(count, 0, namePrefix);
    }

    /**
     * As {@link #start(int, String)}, plus {@code reserved} workers ({@code <prefix>-transactional-N}) that
     * take transactional mail only: the transactional lane's reserve, which campaign mail never occupies.
     */
    void start(int count, int reserved, String namePrefix) {
        Thread.Builder builder = Thread.ofVirtual().name(namePrefix + "-delivery-", 1);
        for (int i = 1; i <= count; i++) {
            Thread t = builder.unstarted(() -> run(false));
            threads.add(t);
            t.start();
        }
        Thread.Builder reserve = Thread.ofVirtual().name(namePrefix + "-transactional-", 1);
        for (int i = 1; i <= reserved; i++) {
            Thread t = reserve.unstarted(() -> run(true));
            threads.add(t);
            t.start();
        }
        log.info("started {} delivery workers and {} reserved for transactional mail (virtual threads)", count, reserved);
    }

    private void run(boolean transactionalOnly) {
        failures.started();
        UnacknowledgedEvents unacknowledged = new UnacknowledgedEvents(ackWindow);
        try {
            while (running) {
                Work work = queues.take(TAKE_TIMEOUT, transactionalOnly);
                if (work == null) {
                    continue;
                }
                try {
                    if (!work.state().tryStart()) {
                        work.state().buffered(-1); // revoked: its next owner reads it again
                        continue;
                    }
                    try {
                        Optional<Instant> overflow = queues.overflowUntil(work);
                        if (overflow.isPresent()) {
                            parkForBudget(work, overflow.get());
                        } else {
                            deliver(work, unacknowledged);
                        }
                    } finally {
                        work.state().finish();
                    }
                } finally {
                    queues.done(work);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // deliver() completes its record whatever happens; reaching here is a bug in the queues themselves.
            // Health reports the dead worker (the dispatcher is then not live and gets restarted).
            failures.died(t);
            log.error("delivery worker {} died", Thread.currentThread().getName(), t);
        }
    }

    private void deliver(Work work, UnacknowledgedEvents unacknowledged) throws InterruptedException {
        MailMessage message = work.message();
        InFlightMessages.Claim claim = inFlight.claim(message.getMessageId(), MAX_CLAIM_WAIT);
        boolean eventSent = false;
        try {
            DeliveryOutcome outcome;
            try {
                if (ledger.covers(message.getMessageId(), message.getAttempt())) {
                    duplicates.increment();
                    log.debug("{} (attempt {}, {}@{}) already has an outcome in the sent-ledger: skipped",
                            message.getMessageId(), message.getAttempt(), work.partition(), work.offset());
                    completions.add(new Completion(work.state(), work.offset(), List.of()));
                    return;
                }
                Optional<DeliveryOutcome> known = unrecorded.take(message.getMessageId(), message.getAttempt());
                if (known.isPresent()) {
                    // Mailed before a refused event write made this partition be re-read: record it, do not mail again.
                    eventSent = rewriteEvent(work, known.get(), claim, unacknowledged);
                    return;
                }
                // The lane goes down to the connection pool, which keeps a share of each destination for transactional mail.
                Decision decision = process(work);
                if (decision instanceof Decision.Hold h) {
                    held.add(new Work.Held(work, h.reason()));
                    return;
                }
                outcome = ((Decision.Done) decision).outcome();
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                // A bug (or an Error: a stack overflow in a template, a missing class) must neither lose the record
                // nor stall its partition's commits: it is retried later through a retry topic, and counted.
                failures.survived(e);
                log.error("delivering {} ({}@{}) failed unexpectedly", message.getMessageId(), work.partition(), work.offset(), e);
                outcome = DeliveryOutcome.Deferred.noReply("internal error: " + e, null);
            }
            observe(work, outcome);
            try {
                Written written = write(message, outcome, claim, unacknowledged);
                eventSent = written.eventSent();
                completions.add(new Completion(work.state(), work.offset(), written.writes()));
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                // Not a write refused (those are failed futures): a bug on the way to the producer. The record completes
                // as failed rather than stalling its partition's commits; being never-retry, it is dead-lettered when re-read.
                failures.survived(e);
                log.error("could not write the outcome of {} ({}@{})", message.getMessageId(), work.partition(), work.offset(), e);
                completions.add(new Completion(work.state(), work.offset(),
                        List.of(CompletableFuture.failedFuture(new WorkerFailureException("writing an outcome", e)))));
            }
        } finally {
            if (!eventSent) {
                claim.release();
            }
        }
    }

    /**
     * Processes the message with what the connection side must know: its lane (a share of each destination is kept for
     * transactional mail) and the source address pacing pinned for it (per-address warm-up budgets).
     */
    private Decision process(Work work) throws Exception {
        MailMessage message = work.message();
        ScopedValue.Carrier scope = null;
        if (work.urgent()) {
            scope = ScopedValue.where(MailLane.CURRENT, MailLane.TRANSACTIONAL);
        }
        Optional<java.net.InetAddress> pinned = processor.pacing().pinnedSource(work);
        if (pinned.isPresent()) {
            scope = scope == null ? ScopedValue.where(PinnedSource.CURRENT, pinned.get()) : scope.where(PinnedSource.CURRENT, pinned.get());
        }
        return scope == null ? processor.process(message) : scope.call(() -> processor.process(message));
    }

    /** Tells the lane listener (metrics); its failure must not turn a sent message into a deferred one. */
    private void observe(Work work, DeliveryOutcome outcome) {
        try {
            lanes.decided(work.message(), work.urgent() ? MailLane.TRANSACTIONAL : MailLane.CAMPAIGN, outcome, clock.instant());
        } catch (RuntimeException e) {
            log.warn("lane metrics failed for {}: {}", work.message().getMessageId(), e.toString());
        }
    }

    /** Writes the event of an outcome known from before a refused write; @return whether it was handed to the producer */
    private boolean rewriteEvent(Work work, DeliveryOutcome known, InFlightMessages.Claim claim,
                                 UnacknowledgedEvents unacknowledged) {
        MailMessage message = work.message();
        try {
            Written written = writeEvent(message, known, claim, List.of(), unacknowledged);
            completions.add(new Completion(work.state(), work.offset(), written.writes()));
            return written.eventSent();
        } catch (Throwable e) {
            // Not written: keep what is known for the next read of the record, which the failed completion causes.
            unrecorded.remember(message.getMessageId(), message.getAttempt(), known);
            failures.survived(e);
            log.warn("could not write the outcome of {} ({}@{}) again: {}", message.getMessageId(), work.partition(),
                    work.offset(), e.toString());
            completions.add(new Completion(work.state(), work.offset(),
                    List.of(CompletableFuture.failedFuture(WorkerFailureException.of("writing an event again", e)))));
            return false;
        }
    }

    /** The writes of one outcome; {@code eventSent}: the event was handed to the producer, whose callback releases the claim. */
    private record Written(List<Future<?>> writes, boolean eventSent) {
    }

    /** Warm-up budget reopens hours from now: the message waits in a retry topic (no attempt, no event), not in memory. */
    private void parkForBudget(Work work, Instant reopensAt) {
        try {
            completions.add(new Completion(work.state(), work.offset(),
                    List.of(publisher.retry(work.message(), OverflowRetry.of(work.message(), clock.instant(), reopensAt)))));
        } catch (Throwable e) {
            failures.survived(e);
            log.warn("could not park {} ({}@{}) until its warm-up budget reopens: {}", work.message().getMessageId(),
                    work.partition(), work.offset(), e.toString());
            completions.add(new Completion(work.state(), work.offset(),
                    List.of(CompletableFuture.failedFuture(WorkerFailureException.of("parking a message", e)))));
        }
    }

    /**
     * Writes the outcome. A deferred message's retry record is written, and acknowledged, before its
     * DEFERRED event: the next owner of the partition treats any event of an attempt as "this attempt
     * is done" ({@code ledger.OutcomesSinceCommit}), which is only true if the retry record is durable
     * by then. The cost is one producer round trip per deferred message on this worker.
     */
    private Written write(MailMessage message, DeliveryOutcome outcome, InFlightMessages.Claim claim,
                          UnacknowledgedEvents unacknowledged) throws InterruptedException {
        Instant now = clock.instant();
        List<Future<?>> writes = new ArrayList<>(2);
        if (outcome instanceof DeliveryOutcome.Deferred deferred) {
            Optional<RetryPolicy.Retry> retry = retries.next(message, now);
            if (retry.isEmpty()) {
                outcome = new DeliveryOutcome.Expired("gave up after " + (message.getAttempt() + 1) + " attempts since "
                        + message.getCreatedAt() + " (retry.max-age " + retries.maxAge() + "): " + deferred.reason());
            } else {
                Future<?> retryWrite;
                try {
                    retryWrite = publisher.retry(message, retry.get());
                } catch (Throwable e) {
                    // Thrown by send() itself: as a refusal, the record is re-read (and re-attempted: nothing was delivered).
                    failures.survived(e);
                    return new Written(List.of(CompletableFuture.failedFuture(WorkerFailureException.of("writing a retry", e))), false);
                }
                writes.add(retryWrite);
                if (!acknowledged(retryWrite)) {
                    return new Written(writes, false); // refused: the consume loop re-reads the record; no event claims it done
                }
            }
        }
        return writeEvent(message, outcome, claim, writes, unacknowledged);
    }

    /**
     * Writes the event after {@code earlier} writes and, before the worker takes its next message, waits
     * until no more of its events than the {@link EventAckWindow} are unanswered: a SIGKILL leaves at most
     * the transaction in flight plus that many unrecorded per worker, whatever the producer's batching.
     * A refused event leaves its outcome to the re-read copy.
     */
    private Written writeEvent(MailMessage message, DeliveryOutcome outcome, InFlightMessages.Claim claim,
                               List<Future<?>> earlier, UnacknowledgedEvents unacknowledged) {
        List<Future<?>> writes = new ArrayList<>(earlier);
        Future<?> event;
        try {
            event = publisher.event(DeliveryEvents.of(message, outcome, clock.instant(), dispatcherId), acknowledged -> {
                if (!acknowledged) {
                    unrecorded.remember(message.getMessageId(), message.getAttempt(), outcome);
                }
                claim.release();
            });
        } catch (Throwable e) {
            // Thrown by send() itself, so no callback: as for a refusal, the re-read copy writes this outcome without SMTP.
            failures.survived(e);
            unrecorded.remember(message.getMessageId(), message.getAttempt(), outcome);
            writes.add(0, CompletableFuture.failedFuture(WorkerFailureException.of("writing an event", e)));
            return new Written(writes, false);
        }
        writes.add(0, event);
        unacknowledged.add(event);
        return new Written(writes, true);
    }

    /** Unexpected throwables the workers met, and workers that died. */
    WorkerFailures failures() {
        return failures;
    }

    /** Records completed without SMTP because the sent-ledger already had their outcome. */
    long duplicatesSkipped() {
        return duplicates.sum();
    }

    private static boolean acknowledged(Future<?> write) throws InterruptedException {
        try {
            write.get();
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Stops taking new work and waits up to {@code timeout} for the messages in hand. */
    void stop(Duration timeout) {
        running = false;
        queues.close();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                log.warn("delivery worker {} is still busy after the grace period", t.getName());
            }
        }
    }
}
