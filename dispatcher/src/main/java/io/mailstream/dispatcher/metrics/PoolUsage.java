package io.mailstream.dispatcher.metrics;

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

    public int idle() {
        return open - busy;
    }
}
