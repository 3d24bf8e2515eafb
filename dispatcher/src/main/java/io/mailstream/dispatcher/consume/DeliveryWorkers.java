package io.mailstream.dispatcher.consume;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryEvents;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.queue.DomainQueues;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.dispatcher.throttle.OverflowRetry;
import io.mailstream.dispatcher.throttle.PacedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded set of named delivery workers (virtual threads): each takes the next message from the per-domain
 * queues, decides and delivers it ({@link MessageProcessor}), writes its outcome (event, and for
 * deferred mail the retry record or, past the maximum age, an EXPIRED event instead) and reports
 * the writes as a {@link Completion} to the consume loop, which commits once they are acknowledged.
 * Messages of a paused campaign are parked in {@code held} without a completion. Owned and stopped
 * by the {@link ConsumeLoop}.
 */
final class DeliveryWorkers {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration TAKE_TIMEOUT = Duration.ofMillis(200);

    private final DomainQueues<Work> queues;
    private final MessageProcessor processor;
    private final OutcomePublisher publisher;
    private final RetryPolicy retries;
    private final Clock clock;
    private final String dispatcherId;
    private final BlockingQueue<Completion> completions;
    private final Queue<Work.Held> held;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    DeliveryWorkers(DomainQueues<Work> queues, MessageProcessor processor, OutcomePublisher publisher, RetryPolicy retries,
                    Clock clock, String dispatcherId, BlockingQueue<Completion> completions, Queue<Work.Held> held) {
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
                Optional.ofNullable(w.message().getCampaignId()), w.partition().partition())), clock);
    }

    /**
     * One virtual thread per worker, so a worker is one SMTP transaction in flight, not an OS thread:
     * against receivers that take a second to answer, throughput is concurrency divided by latency,
     * and thousands of waiting transactions cost a few KB of heap each. Virtual threads are daemons:
     * one stuck in a socket read does not keep the JVM alive past close().
     */
    void start(int count, String namePrefix) {
        Thread.Builder builder = Thread.ofVirtual().name(namePrefix + "-delivery-", 1);
        for (int i = 1; i <= count; i++) {
            Thread t = builder.unstarted(this::run);
            threads.add(t);
            t.start();
        }
        log.info("started {} delivery workers (virtual threads)", count);
    }

    private void run() {
        try {
            while (running) {
                Work work = queues.take(TAKE_TIMEOUT);
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
                            deliver(work);
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
        }
    }

    private void deliver(Work work) throws InterruptedException {
        MailMessage message = work.message();
        DeliveryOutcome outcome;
        try {
            Decision decision = processor.process(message);
            if (decision instanceof Decision.Hold h) {
                held.add(new Work.Held(work, h.campaignId()));
                return;
            }
            outcome = ((Decision.Done) decision).outcome();
        } catch (RuntimeException e) {
            // A bug must not lose the record nor stall its partition's commits: try it again later.
            log.error("delivering {} ({}@{}) failed unexpectedly", message.getMessageId(), work.partition(), work.offset(), e);
            outcome = DeliveryOutcome.Deferred.noReply("internal error: " + e, null);
        }
        try {
            completions.add(new Completion(work.state(), work.offset(), write(message, outcome)));
        } catch (RuntimeException e) {
            // Typically the producer was closed after the grace period: the record was not committed and will be read again.
            log.warn("could not write the outcome of {} ({}@{}): {}", message.getMessageId(), work.partition(), work.offset(),
                    e.toString());
        }
    }

    /** Warm-up budget reopens hours from now: the message waits in a retry topic (no attempt, no event), not in memory. */
    private void parkForBudget(Work work, Instant reopensAt) {
        try {
            completions.add(new Completion(work.state(), work.offset(),
                    List.of(publisher.retry(work.message(), OverflowRetry.of(work.message(), clock.instant(), reopensAt)))));
        } catch (RuntimeException e) {
            log.warn("could not park {} ({}@{}) until its warm-up budget reopens: {}", work.message().getMessageId(),
                    work.partition(), work.offset(), e.toString());
        }
    }

    /**
     * Writes the outcome. A deferred message's retry record is written, and acknowledged, before its
     * DEFERRED event: the next owner of the partition treats any event of an attempt as "this attempt
     * is done" ({@code ledger.OutcomesSinceCommit}), which is only true if the retry record is durable
     * by then. The cost is one producer round trip per deferred message on this worker.
     */
    private List<Future<?>> write(MailMessage message, DeliveryOutcome outcome) throws InterruptedException {
        Instant now = clock.instant();
        List<Future<?>> writes = new ArrayList<>(2);
        if (outcome instanceof DeliveryOutcome.Deferred deferred) {
            Optional<RetryPolicy.Retry> retry = retries.next(message, now);
            if (retry.isEmpty()) {
                outcome = new DeliveryOutcome.Expired("gave up after " + (message.getAttempt() + 1) + " attempts since "
                        + message.getCreatedAt() + " (retry.max-age " + retries.maxAge() + "): " + deferred.reason());
            } else {
                Future<?> retryWrite = publisher.retry(message, retry.get());
                writes.add(retryWrite);
                if (!acknowledged(retryWrite)) {
                    return writes; // refused: the consume loop re-reads the record; no event claims it done
                }
            }
        }
        writes.add(0, publisher.event(DeliveryEvents.of(message, outcome, now, dispatcherId)));
        return writes;
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
