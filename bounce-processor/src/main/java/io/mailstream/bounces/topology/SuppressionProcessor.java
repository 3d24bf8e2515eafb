package io.mailstream.bounces.topology;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Decides, per address, when failures become a suppression: hard bounces and complaints at once
 * and for good; soft bounces once {@code threshold} of them fall within the window, for a while.
 * Records arrive keyed by the normalised address, so all state of one address is local here.
 *
 * <p>Expiry runs on wall-clock time: mail to a suppressed address stops, so the input topics may
 * fall silent and stream time would never reach the expiry. Dispatchers also ignore an expired
 * entry on their own, so the tombstone is cleanup, not the only guard.
 */
final class SuppressionProcessor implements Processor<String, RecipientFailure, String, Suppression> {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionProcessor.class);

    private final TopologyConfig config;
    private final TopologyCounters counters;
    private ProcessorContext<String, Suppression> context;
    private KeyValueStore<String, Suppression> suppressions;
    private KeyValueStore<String, SoftBounceHistory> histories;
    private KeyValueStore<String, String> expiries;

    SuppressionProcessor(TopologyConfig config, TopologyCounters counters) {
        this.config = config;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, Suppression> context) {
        this.context = context;
        this.suppressions = context.getStateStore(BounceTopology.SUPPRESSION_STORE);
        this.histories = context.getStateStore(BounceTopology.SOFT_BOUNCE_STORE);
        this.expiries = context.getStateStore(BounceTopology.EXPIRY_INDEX_STORE);
        context.schedule(config.expiryCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, RecipientFailure> record) {
        RecipientFailure f = record.value();
        if (f == null || record.key() == null) {
            return;
        }
        String address = record.key();
        Suppression existing = active(suppressions.get(address), Instant.ofEpochMilli(f.atMillis()));
        switch (f.kind()) {
            case HARD, COMPLAINT -> emit(record, suppress(existing, f, null));
            case SOFT -> onSoftBounce(record, existing);
        }
    }

    private void onSoftBounce(Record<String, RecipientFailure> record, Suppression existing) {
        RecipientFailure f = record.value();
        if (existing != null && existing.getExpiresAt() == null) {
            return; // already suppressed for good: a soft bounce changes nothing
        }
        long windowStart = f.atMillis() - config.softBounceWindow().toMillis();
        SoftBounceHistory history = histories.get(record.key());
        history = (history == null ? SoftBounceHistory.empty() : history).plus(f.atMillis(), windowStart);
        if (history.count() >= config.softBounceThreshold()) {
            histories.delete(record.key());
            Instant until = Instant.ofEpochMilli(f.atMillis()).plus(config.softBounceSuppression());
            emit(record, suppress(existing, f, until));
        } else {
            histories.put(record.key(), history);
        }
    }

    private static Suppression suppress(Suppression existing, RecipientFailure f, Instant expiresAt) {
        Instant at = Instant.ofEpochMilli(f.atMillis());
        return Suppression.newBuilder()
                .setAddress(f.address())
                .setReason(f.reason())
                .setSource(f.kind() == FailureKind.COMPLAINT ? SuppressionSource.COMPLAINT : SuppressionSource.BOUNCE)
                .setFirstSeen(existing == null ? at : existing.getFirstSeen())
                .setLastSeen(at)
                .setCount(existing == null ? 1 : existing.getCount() + 1)
                .setExpiresAt(expiresAt)
                .build();
    }

    private void emit(Record<String, RecipientFailure> record, Suppression s) {
        Suppression previous = suppressions.get(record.key());
        if (previous != null && previous.getExpiresAt() != null) {
            expiries.delete(expiryKey(previous.getExpiresAt(), record.key()));
        }
        if (s.getExpiresAt() != null) {
            expiries.put(expiryKey(s.getExpiresAt(), record.key()), record.key());
        }
        suppressions.put(record.key(), s);
        counters.suppressionWritten(s.getSource());
        LOG.debug("Suppressing {} ({}, {}, until {})", s.getAddress(), s.getSource(), s.getReason(), s.getExpiresAt());
        context.forward(record.withValue(s));
    }

    private static Suppression active(Suppression s, Instant now) {
        return s == null || (s.getExpiresAt() != null && !s.getExpiresAt().isAfter(now)) ? null : s;
    }

    /**
     * Writes a tombstone for every suppression whose time is up and drops soft-bounce histories out
     * of the window. Expiries are found by a range scan of the index (keys sort by expiry time), so
     * the permanent suppressions, the bulk of the table, are never read here.
     */
    private void expire(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = expiries.range(EXPIRY_INDEX_START, expiryKey(now, "\uffff"))) {
            it.forEachRemaining(due::add);
        }
        int lifted = 0;
        for (KeyValue<String, String> kv : due) {
            expiries.delete(kv.key);
            Suppression s = suppressions.get(kv.value);
            // the index may be stale if the suppression was replaced; only lift what really ended
            if (s != null && s.getExpiresAt() != null && !s.getExpiresAt().isAfter(now)) {
                suppressions.delete(kv.value);
                context.forward(new Record<String, Suppression>(kv.value, null, nowMillis));
                lifted++;
            }
        }
        if (lifted > 0) {
            LOG.info("Lifted {} expired suppression(s)", lifted);
        }
        pruneHistories(nowMillis - config.softBounceWindow().toMillis());
    }

    /** Index key: zero-padded expiry millis, so lexicographic order is time order, then the address. */
    static String expiryKey(Instant expiresAt, String address) {
        return String.format(java.util.Locale.ROOT, "%020d|%s", Math.max(0, expiresAt.toEpochMilli()), address);
    }

    private static final String EXPIRY_INDEX_START = "";

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
