package io.mailstream.dispatcher.metrics;

import io.mailstream.dispatcher.pool.DestinationStats;
import java.util.List;

/**
 * SMTP connections of the dispatcher's pools at one moment, summed over destinations (destinations
 * are MX hosts in direct mode: too many to label). The hook {@link DispatcherMetrics#bindPool}
 * reads it; the pool's own stats snapshot is adapted to it where the pool is composed.
 *
 * @param open connections open (busy + idle)
 * @param busy connections in an SMTP transaction
 * @param max  the configured maximum over all destinations seen, or 0 if unbounded/unknown
 */
public record PoolUsage(int open, int busy, int max) {
    public PoolUsage {
        if (open < 0 || busy < 0 || max < 0 || busy > open) {
            throw new IllegalArgumentException("pool usage must be 0 <= busy <= open and max >= 0, was open " + open
                    + ", busy " + busy + ", max " + max);
        }
    }

    /** The sum over the pool's destinations; {@code max} is the sum of their maxima. */
    public static PoolUsage sum(List<DestinationStats> destinations) {
        int open = 0;
        int busy = 0;
        int max = 0;
        for (DestinationStats d : destinations) {
            open += d.open();
            busy += d.busy();
            max += d.maxConnections();
        }
        return new PoolUsage(open, busy, max);
    }

    public int idle() {
        return open - busy;
    }
}
