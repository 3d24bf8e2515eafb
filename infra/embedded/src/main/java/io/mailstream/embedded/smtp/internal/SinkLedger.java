package io.mailstream.embedded.smtp.internal;

import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sink accepted: counts (total and per recipient) and, optionally, the messages. Written
 * by SMTP session threads, read by tests; one monitor guards the total so waiters wake on change.
 */
public final class SinkLedger {
    private final boolean keepMessages;
    private final int maxKept;
    private final Map<EmailAddress, LongAdder> perRecipient = new ConcurrentHashMap<>();
    private final ArrayDeque<ReceivedMessage> kept = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private long total;

    public SinkLedger(boolean keepMessages, int maxKept) {
        this.keepMessages = keepMessages;
        this.maxKept = maxKept;
    }

    void transactionStarted() {
        inFlight.incrementAndGet();
    }

    void transactionEnded() {
        inFlight.decrementAndGet();
    }

    /** Mail transactions between MAIL FROM and their end. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Whether accepted messages are kept; when not, sessions need not copy their bytes. */
    boolean keepsMessages() {
        return keepMessages;
    }

    /** Counts a message that is not kept. */
    void count(List<EmailAddress> recipients) {
        countRecipients(recipients);
        synchronized (this) {
            total++;
            notifyAll();
        }
    }

    private void countRecipients(List<EmailAddress> recipients) {
        for (EmailAddress r : recipients) {
            perRecipient.computeIfAbsent(r, k -> new LongAdder()).increment();
        }
    }

    void accept(ReceivedMessage message) {
        countRecipients(message.recipients());
        synchronized (this) {
            if (keepMessages) {
                if (kept.size() == maxKept) {
                    kept.removeFirst();
                }
                kept.addLast(message);
            }
            total++;
            notifyAll();
        }
    }

    public synchronized long total() {
        return total;
    }

    public long count(EmailAddress recipient) {
        LongAdder n = perRecipient.get(recipient);
        return n == null ? 0 : n.sum();
    }

    /** A copy of the per-recipient counts, for reports that must tell duplicates apart from misses. */
    public Map<EmailAddress, Long> countsByRecipient() {
        Map<EmailAddress, Long> copy = new java.util.HashMap<>();
        perRecipient.forEach((r, n) -> copy.put(r, n.sum()));
        return copy;
    }

    public synchronized List<ReceivedMessage> kept() {
        return List.copyOf(kept);
    }

    /** Waits on the monitor (no polling) until at least {@code n} messages were accepted. */
    public synchronized boolean awaitTotal(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public synchronized void reset() {
        perRecipient.clear();
        kept.clear();
        total = 0;
    }
}
