package io.mailstream.bounces.topology;

import io.mailstream.avro.Suppression;
import io.mailstream.bounces.suppress.PartKind;
import io.mailstream.bounces.suppress.SuppressionParts;
import io.mailstream.bounces.suppress.SuppressionParts.Part;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps, per address, every source that suppresses it ({@link SuppressionParts}) and writes the
 * merged record to {@code mail.suppressions}: hard bounces and complaints at once and for good;
 * soft bounces once {@code threshold} of them fall within the window, as a part of their own
 * that ends; what other writers (operators, the API, unsubscribes) put on the topic is merged in,
 * and written back whole if their record lacked a part we hold. A weaker event never replaces or
 * shortens a stronger part; an expiry removes only its own part; the tombstone is written only
 * when no part is left. A tombstone from another writer is an operator's explicit lift: the
 * address's state is dropped here too.
 *
 * <p>Expiry runs on wall-clock time: mail to a suppressed address stops, so the input topics may
 * fall silent and stream time would never reach the expiry. Dispatchers also ignore an expired
 * entry on their own, so the tombstone is cleanup, not the only guard.
 */
final class SuppressionProcessor implements Processor<String, AddressChange, String, SuppressionOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionProcessor.class);
    private static final String EXPIRY_INDEX_START = "";

    private final TopologyConfig config;
    private final TopologyCounters counters;
    private ProcessorContext<String, SuppressionOutput> context;
    private KeyValueStore<String, Suppression> suppressions;
    private KeyValueStore<String, SoftBounceHistory> histories;
    private KeyValueStore<String, String> expiries;

    SuppressionProcessor(TopologyConfig config, TopologyCounters counters) {
        this.config = config;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, SuppressionOutput> context) {
        this.context = context;
        this.suppressions = context.getStateStore(BounceTopology.SUPPRESSION_STORE);
        this.histories = context.getStateStore(BounceTopology.SOFT_BOUNCE_STORE);
        this.expiries = context.getStateStore(BounceTopology.EXPIRY_INDEX_STORE);
        context.schedule(config.expiryCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, AddressChange> record) {
        AddressChange change = record.value();
        String address = record.key();
        if (change == null || address == null) {
            return;
        }
        SuppressionParts held = current(address);
        if (change.failure() != null) {
            RecipientFailure f = change.failure();
            boolean suppressed = onFailure(address, f, held, record.timestamp());
            if (ReceivedBounces.isTiedBounce(f)) {
                // after the decision, so that the webhooks post one bounce per DSN: its suppression if it made one
                context.forward(new Record<>(f.messageId(), new SuppressionOutput.ReceivedDsn(ReceivedBounces.failed(f, suppressed)),
                        record.timestamp()));
            }
        } else if (change.written() != null) {
            onWritten(address, new SuppressionParts(change.written()), held, record.timestamp());
        } else if (change.lifted()) {
            onLifted(address, held);
        }
    }

    /** Applies {@code f}; true if it wrote a suppression. */
    private boolean onFailure(String address, RecipientFailure f, SuppressionParts held, long timestamp) {
        Instant at = Instant.ofEpochMilli(f.atMillis());
        return switch (f.kind()) {
            case HARD -> write(address, held.plusOccurrence(Part.of(PartKind.HARD_BOUNCE, f.reason(), at, null)), timestamp, f);
            case COMPLAINT -> write(address, held.plusOccurrence(Part.of(PartKind.COMPLAINT, f.reason(), at, null)), timestamp, f);
            case UNSUBSCRIBE -> write(address, held.plusOccurrence(Part.of(PartKind.UNSUBSCRIBE, f.reason(), at, null, f.scope())),
                    timestamp, f);
            case SOFT -> onSoftBounce(address, f, held, timestamp);
            case PROVISIONAL_HARD -> onProvisionalHard(address, f, held, timestamp);
            case DELAYED -> false; // never reaches here: delays suppress nobody
        };
    }

    /**
     * A hard bounce on weak evidence: confirmed (suppressed for good) when the address already
     * bounced within the soft-bounce window, otherwise counted as one soft bounce.
     */
    private boolean onProvisionalHard(String address, RecipientFailure f, SuppressionParts held, long timestamp) {
        if (held.suppressedForGood()) {
            return false;
        }
        SoftBounceHistory history = histories.get(address);
        long windowStart = f.atMillis() - config.softBounceWindow().toMillis();
        boolean confirmed = history != null && history.plus(f.atMillis(), windowStart).count() >= 2;
        if (confirmed) {
            histories.delete(address);
            LOG.info("Low-confidence hard bounce of {} ({}) confirmed by an earlier bounce: suppressed for good",
                    address, f.reason());
            return write(address, held.plusOccurrence(Part.of(PartKind.HARD_BOUNCE, f.reason(), Instant.ofEpochMilli(f.atMillis()),
                    null)), timestamp, f);
        }
        return onSoftBounce(address, f, held, timestamp);
    }

    private boolean onSoftBounce(String address, RecipientFailure f, SuppressionParts held, long timestamp) {
        if (held.suppressedForGood()) {
            return false; // a hard bounce or complaint already holds for good and for all mail: a window adds nothing
        }
        long windowStart = f.atMillis() - config.softBounceWindow().toMillis();
        SoftBounceHistory history = histories.get(address);
        history = (history == null ? SoftBounceHistory.empty() : history).plus(f.atMillis(), windowStart);
        if (history.count() >= config.softBounceThreshold()) {
            histories.delete(address);
            Instant at = Instant.ofEpochMilli(f.atMillis());
            return write(address, held.plusOccurrence(Part.of(PartKind.SOFT_BOUNCE, f.reason(), at,
                    at.plus(config.softBounceSuppression()))), timestamp, f);
        }
        histories.put(address, history);
        return false;
    }

    /** Another writer's record: keep what it adds; if it lacks a part we hold, write the whole record back. */
    private void onWritten(String address, SuppressionParts written, SuppressionParts held, long timestamp) {
        long now = context.currentSystemTimeMs();
        SuppressionParts live = written.expiredAt(now);
        SuppressionParts merged = held.union(live);
        if (merged.nothingLeft()) {
            return;
        }
        if (merged.equals(live)) {
            store(address, merged); // the topic already says all of it
        } else {
            LOG.info("Merged {} parts written by another writer for {} with the {} held: writing {}",
                    live.parts().size(), address, held.parts().size(), kinds(merged));
            write(address, merged, timestamp, null);
        }
    }

    private void onLifted(String address, SuppressionParts held) {
        histories.delete(address);
        if (!held.nothingLeft()) {
            suppressions.delete(address);
            LOG.info("Suppression of {} lifted by another writer's tombstone (was {})", address, kinds(held));
        }
    }

    private SuppressionParts current(String address) {
        return SuppressionParts.fromAvro(suppressions.get(address)).expiredAt(context.currentSystemTimeMs());
    }

    private void store(String address, SuppressionParts parts) {
        suppressions.put(address, parts.toAvro(address));
        for (long expiry : parts.expiries()) {
            expiries.put(expiryKey(Instant.ofEpochMilli(expiry), address), address);
        }
    }

    /**
     * Stores and writes the record; {@code cause} (null for merges and expiries) names the message,
     * campaign and tenant of the failure that made this write, on the written record only: the stored state
     * describes the address, and a later write for another reason must not repeat an old message id.
     */
    private boolean write(String address, SuppressionParts parts, long timestamp, RecipientFailure cause) {
        store(address, parts);
        Suppression s = suppressions.get(address);
        counters.suppressionWritten(s.getSource());
        LOG.debug("Suppressing {} ({}, until {})", address, kinds(parts), s.getExpiresAt());
        if (cause != null && cause.messageId() != null) {
            s = Suppression.newBuilder(s).setMessageId(cause.messageId()).setCampaignId(cause.campaignId())
                    .setTenant(cause.tenant()).build();
        }
        context.forward(new Record<>(address, new SuppressionOutput.AddressRecord(s), timestamp, OwnWrites.headers()));
        return true;
    }

    /**
     * Removes the parts whose time is up and writes what is left, or a tombstone when nothing is;
     * drops soft-bounce histories out of the window. Due addresses are found by a range scan of
     * the expiry index (keys sort by expiry time), so permanent suppressions, the bulk of the
     * table, are never read here.
     */
    private void expire(long nowMillis) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = expiries.range(EXPIRY_INDEX_START, expiryKey(Instant.ofEpochMilli(nowMillis), "\uffff"))) {
            it.forEachRemaining(due::add);
        }
        int lifted = 0;
        int shortened = 0;
        for (KeyValue<String, String> kv : due) {
            expiries.delete(kv.key);
            String address = kv.value;
            SuppressionParts held = SuppressionParts.fromAvro(suppressions.get(address));
            SuppressionParts left = held.expiredAt(nowMillis);
            if (left.equals(held)) {
                continue; // a stale index entry: the part was renewed or replaced
            }
            if (left.nothingLeft()) {
                suppressions.delete(address);
                context.forward(new Record<>(address, new SuppressionOutput.AddressRecord(null), nowMillis, OwnWrites.headers()));
                lifted++;
            } else {
                write(address, left, nowMillis, null);
                shortened++;
            }
        }
        if (lifted > 0 || shortened > 0) {
            LOG.info("Expired suppression parts: {} address(es) lifted, {} still suppressed by another part", lifted, shortened);
        }
        pruneHistories(nowMillis - config.softBounceWindow().toMillis());
    }

    /** Index key: zero-padded expiry millis, so lexicographic order is time order, then the address. */
    static String expiryKey(Instant expiresAt, String address) {
        return String.format(Locale.ROOT, "%020d|%s", Math.max(0, expiresAt.toEpochMilli()), address);
    }

    private static List<PartKind> kinds(SuppressionParts parts) {
        return parts.parts().stream().map(Part::kind).toList();
    }

    private void pruneHistories(long windowStart) {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, SoftBounceHistory> it = histories.all()) {
            while (it.hasNext()) {
                KeyValue<String, SoftBounceHistory> kv = it.next();
                if (kv.value == null || kv.value.atMillis().stream().allMatch(t -> t <= windowStart)) {
                    stale.add(kv.key);
                }
            }
        }
        stale.forEach(histories::delete);
    }
}
