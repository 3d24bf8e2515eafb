package io.mailstream.bounces.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The engagement keys an {@link EngagementTally} has seen, bounded for a long-running reader (the
 * console): the oldest keys are forgotten first, so a person clicking again long after a great
 * many later clicks may be counted as unique a second time. {@code campaign status} keeps them all.
 */
public final class RecentKeys {
    private RecentKeys() {
    }

    /** A set holding the latest {@code capacity} keys added. Not thread-safe. */
    public static Set<String> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("must remember at least one key, was " + capacity);
        }
        return Collections.newSetFromMap(new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }
}
