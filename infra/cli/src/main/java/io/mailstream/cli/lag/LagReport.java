package io.mailstream.cli.lag;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One printed sample: the snapshot, each group's rate since the previous sample (if there was one)
 * and the threshold it is judged against.
 */
public record LagReport(LagSnapshot snapshot, Map<String, LagRate> rates, OptionalLong maxLag) {
    public LagReport {
        if (snapshot == null || rates == null || maxLag == null) {
            throw new IllegalArgumentException("snapshot, rates and maxLag are required");
        }
        rates = Map.copyOf(rates);
    }

    /** Groups whose total lag is above the threshold (none without one). */
    public Set<String> groupsOverMaxLag() {
        Set<String> over = new TreeSet<>();
        if (maxLag.isPresent()) {
            snapshot.lagByGroup().forEach((g, lag) -> {
                if (lag > maxLag.getAsLong()) {
                    over.add(g);
                }
            });
        }
        return over;
    }

    public boolean maxLagCrossed() {
        return !groupsOverMaxLag().isEmpty();
    }
}
