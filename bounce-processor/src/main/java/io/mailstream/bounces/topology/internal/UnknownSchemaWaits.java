package io.mailstream.bounces.topology.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when each schema id the registry does not know has been seen, so that its records are read
 * again (as after a registry outage) until {@code maxWait} has passed since the first, then
 * dead-lettered (a run of records with one unknown id waits once). One instance per topology,
 * shared by its decode processors: a replaced stream thread builds new processors, the wait goes
 * on. At most {@value #MAX_IDS} ids are remembered.
 */
public final class UnknownSchemaWaits {
    /** The same default as the dispatcher's {@code decode.unknown-schema-wait}. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

    private final Duration maxWait;
    static final int MAX_IDS = 10_000;
    private final Map<Integer, Long> since = new ConcurrentHashMap<>();

    public UnknownSchemaWaits(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Whether a record naming this unknown schema id should be read again rather than dead-lettered, at {@code nowMs}. */
    boolean stillWaiting(int schemaId, long nowMs) {
        if (since.size() >= MAX_IDS && !since.containsKey(schemaId)) {
            since.clear(); // ids that stay unknown this long are rare: forgetting them costs one more wait each
        }
        long first = since.computeIfAbsent(schemaId, k -> nowMs);
        return nowMs - first < maxWait.toMillis();
    }
}
