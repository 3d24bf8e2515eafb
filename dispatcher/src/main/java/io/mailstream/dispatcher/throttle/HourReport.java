package io.mailstream.dispatcher.throttle;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The hourly window of one (pool, policy, shard) as its owner reported it: the permits counted in the
 * window by the latest instant each may have been granted. A new owner of the shard's partition adopts
 * it, so it grants at most the hour's cap minus what was reported.
 *
 * @param owner      the reporting {@link Pacing} (random per start): an owner skips its own reports
 * @param reportedAt when it was counted (the newer of two reports wins)
 * @param permits    permits counted, by the latest instant they may have been granted
 */
public record HourReport(String owner, Instant reportedAt, Map<Instant, Integer> permits) {
    public HourReport {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(reportedAt, "reportedAt");
        permits = Map.copyOf(permits);
        for (int n : permits.values()) {
            if (n < 0) {
                throw new IllegalArgumentException("a reported permit count must be at least 0, was " + n);
            }
        }
    }
}
