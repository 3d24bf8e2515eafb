package io.mailstream.bounces.mailbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Running totals of the mailbox ingestion, per outcome, for logs, the command's summary and tests. */
public final class MailboxCounters {
    /** What became of a message the poller looked at. */
    public enum Outcome {
        STORED,
        /** Over {@link MailboxConfig#maxMessageBytes}: not downloaded. */
        REFUSED_OVERSIZED,
        /** The server failed to hand it over {@value MailboxPoller#MAX_READ_ATTEMPTS} times. */
        REFUSED_UNREADABLE,
        /** Kafka did not acknowledge it; left in the mailbox for the next poll. */
        DEFERRED
    }

    private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);
    private final AtomicLong failedPolls = new AtomicLong();

    public MailboxCounters() {
        for (Outcome o : Outcome.values()) {
            counts.put(o, new AtomicLong());
        }
    }

    void add(Outcome outcome, long n) {
        counts.get(outcome).addAndGet(n);
    }

    void failedPoll() {
        failedPolls.incrementAndGet();
    }

    public long count(Outcome outcome) {
        return counts.get(outcome).get();
    }

    /** Polls that could not reach or read the mailbox at all. */
    public long failedPolls() {
        return failedPolls.get();
    }
}
