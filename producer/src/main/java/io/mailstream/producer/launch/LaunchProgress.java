package io.mailstream.producer.launch;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How far a running launch is. {@code bytesRead}/{@code totalBytes} measure the recipient file as
 * stored (compressed bytes for gzip), which gives a completion fraction without counting rows first.
 */
public record LaunchProgress(
        String campaignId,
        long rowsRead,
        long published,
        long acknowledged,
        long rejected,
        long duplicates,
        long bytesRead,
        long totalBytes,
        Duration elapsed) {

    /** Share of the recipient file read so far, if its size is known. */
    public OptionalDouble fraction() {
        if (totalBytes <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(1.0, (double) bytesRead / totalBytes));
    }

    public double rowsPerSecond() {
        double s = elapsed.toMillis() / 1000.0;
        return s > 0 ? rowsRead / s : 0.0;
    }

    /** Estimated time left, when the fraction is known and some progress has been made. */
    public java.util.Optional<Duration> eta() {
        OptionalDouble f = fraction();
        if (f.isEmpty() || f.getAsDouble() <= 0.0 || elapsed.isZero()) {
            return java.util.Optional.empty();
        }
        double total = elapsed.toMillis() / f.getAsDouble();
        return java.util.Optional.of(Duration.ofMillis((long) (total - elapsed.toMillis())));
    }
}
