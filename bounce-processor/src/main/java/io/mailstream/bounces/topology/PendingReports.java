package io.mailstream.bounces.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link MessageRecipientCheck} to received reports, holding a report whose message has
 * no known delivery yet instead of dropping it: the DSN can overtake the dispatcher's delivery
 * event (the event is written after the remote server's 250, and both reach this task through
 * different topics). Held reports (store {@code pending-reports}) are checked again against
 * {@code recipient-by-message} every {@link TopologyConfig#pendingRecheckInterval()}; one still
 * unknown after {@link TopologyConfig#pendingReportHold()} is counted as not applied
 * ({@link NotApplied#UNKNOWN_MESSAGE}). At most {@link TopologyConfig#maxPendingReports()} are
 * held per task, so reports naming invented message ids cannot grow the store without bound.
 *
 * <p>Wall-clock time, like the suppression expiry: the inputs may fall silent while reports wait.
 */
final class PendingReports implements Processor<String, ClaimCheck, String, RecipientFailure> {
    private static final Logger LOG = LoggerFactory.getLogger(PendingReports.class);
    private static final char SEP = '\u0000';

    private final TopologyConfig config;
    private final MessageRecipientCheck check;
    private ProcessorContext<String, RecipientFailure> context;
    private KeyValueStore<String, RecipientFailure> pending;
    private KeyValueStore<String, ?> recipients;
    private int held;

    private final TopologyCounters counters;

    PendingReports(TopologyConfig config, MessageRecipientCheck check, TopologyCounters counters) {
        this.config = config;
        this.check = check;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, RecipientFailure> context) {
        this.context = context;
        this.pending = context.getStateStore(BounceTopology.PENDING_REPORTS_STORE);
        this.recipients = context.getStateStore(BounceTopology.RECIPIENT_BY_MESSAGE_STORE);
        try (KeyValueIterator<String, RecipientFailure> all = pending.all()) {
            while (all.hasNext()) {
                all.next();
                held++;
            }
        }
        counters.pendingReportsChanged(held);
        context.schedule(config.pendingRecheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::recheck);
    }

    @Override
    public void process(Record<String, ClaimCheck> record) {
        ClaimCheck c = record.value();
        if (c == null) {
            return;
        }
        if (c.sentTo() != null) {
            forward(c.claimed(), SentMessage.decode(c.sentTo()), record.timestamp());
            return;
        }
        if (held >= config.maxPendingReports()) {
            LOG.warn("{} reports already wait for their delivery events: report for message {} judged at once",
                    held, c.claimed().messageId());
            check.check(c.claimed(), null);
            return;
        }
        long now = context.currentSystemTimeMs();
        String key = String.format("%015d", now) + SEP + c.claimed().messageId() + SEP + c.claimed().address()
                + SEP + c.claimed().kind();
        if (pending.get(key) == null) {
            held++;
            counters.pendingReportsChanged(1);
        }
        pending.put(key, c.claimed());
        LOG.debug("Report for message {} held until its delivery event arrives (at most {})",
                c.claimed().messageId(), config.pendingReportHold());
    }

    private void recheck(long now) {
        List<String> done = new ArrayList<>();
        try (KeyValueIterator<String, RecipientFailure> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, RecipientFailure> e = all.next();
                RecipientFailure f = e.value;
                SentMessage sentTo = SentMessage.decode(recipientOf(f.messageId()));
                if (sentTo != null) {
                    forward(f, sentTo, f.atMillis());
                    done.add(e.key);
                } else if (now - heldSince(e.key) >= config.pendingReportHold().toMillis()) {
                    check.check(f, null); // logs and counts unknown_message
                    done.add(e.key);
                }
            }
        }
        done.forEach(pending::delete);
        held -= done.size();
        counters.pendingReportsChanged(-done.size());
    }

    /** The task is closed or migrates: its held reports stay in the store but are no longer this instance's. */
    @Override
    public void close() {
        counters.pendingReportsChanged(-held);
    }

    private void forward(RecipientFailure claimed, SentMessage sentTo, long timestamp) {
        RecipientFailure applied = check.check(claimed, sentTo);
        if (applied != null) {
            context.forward(new Record<>(claimed.messageId(), applied, timestamp));
        }
    }

    /** The KTable's store answers {@link ValueAndTimestamp}s when materialised with timestamps. */
    private String recipientOf(String messageId) {
        Object v = recipients.get(messageId);
        if (v instanceof ValueAndTimestamp<?> vt) {
            v = vt.value();
        }
        return (String) v;
    }

    private static long heldSince(String key) {
        return Long.parseLong(key.substring(0, key.indexOf(SEP)));
    }
}
