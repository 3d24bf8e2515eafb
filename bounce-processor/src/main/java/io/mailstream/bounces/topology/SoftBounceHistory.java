package io.mailstream.bounces.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent soft bounces of one address (epoch millis, oldest first), kept only as far back as
 * the window reaches.
 */
public record SoftBounceHistory(List<Long> atMillis) {
    public SoftBounceHistory {
        atMillis = List.copyOf(atMillis == null ? List.of() : atMillis);
    }

    static SoftBounceHistory empty() {
        return new SoftBounceHistory(List.of());
    }

    /** This history plus a bounce at {@code at}, without the bounces older than {@code windowStart}. */
    SoftBounceHistory plus(long at, long windowStart) {
        List<Long> kept = new ArrayList<>(atMillis.size() + 1);
        for (long t : atMillis) {
            if (t > windowStart) {
                kept.add(t);
            }
        }
        if (at > windowStart) {
            kept.add(at);
        }
        kept.sort(null);
        return new SoftBounceHistory(kept);
    }

    int count() {
        return atMillis.size();
    }
}
