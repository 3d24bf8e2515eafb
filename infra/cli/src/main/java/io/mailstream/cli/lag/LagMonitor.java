package io.mailstream.cli.lag;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Takes lag samples at a fixed interval and hands each one, with its rate since the previous
 * sample, to a sink. What a sample is and how the wait happens are injected, so the loop is tested
 * without Kafka and without sleeping.
 */
public final class LagMonitor {
    /** Waits between samples; {@link #THREAD_SLEEP} in production. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;

        Pause THREAD_SLEEP = d -> Thread.sleep(d.toMillis());
    }

    private final Supplier<LagSnapshot> sampler;
    private final Pause pause;
    private final Duration interval;
    private final OptionalLong maxLag;

    public LagMonitor(Supplier<LagSnapshot> sampler, Pause pause, Duration interval, OptionalLong maxLag) {
        if (sampler == null || pause == null || interval == null || maxLag == null) {
            throw new IllegalArgumentException("sampler, pause, interval and maxLag are required");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.sampler = sampler;
        this.pause = pause;
        this.interval = interval;
        this.maxLag = maxLag;
    }

    /**
     * Takes {@code samples} samples (0 = until interrupted) and reports each one when {@code everySample},
     * else only the last.
     *
     * @return the last report
     */
    public LagReport run(long samples, boolean everySample, Consumer<LagReport> sink) throws InterruptedException {
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, was " + samples);
        }
        LagSnapshot previous = null;
        LagReport last = null;
        for (long i = 0; samples == 0 || i < samples; i++) {
            if (i > 0) {
                pause.pause(interval);
            }
            LagSnapshot current = sampler.get();
            Map<String, LagRate> rates = previous == null || !current.takenAt().isAfter(previous.takenAt())
                    ? Map.of() : LagCalculator.rates(previous, current);
            last = new LagReport(current, rates, maxLag);
            boolean isLast = samples != 0 && i == samples - 1;
            if (everySample || isLast) {
                sink.accept(last);
            }
            previous = current;
        }
        return last;
    }
}
