package io.mailstream.producer.launch;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A log line every interval, for launches without a terminal (services, CI, redirected output). */
public final class LogProgress implements Progress {
    private static final Logger LOG = LoggerFactory.getLogger(LogProgress.class);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long lastLog;
    private boolean started;

    public LogProgress(Duration interval, LongSupplier nanoTime) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("progress log interval must be positive, was " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void update(LaunchProgress progress) {
        long now = nanoTime.getAsLong();
        if (!started) {
            started = true;
            lastLog = now;
            return;
        }
        if (now - lastLog >= intervalNanos) {
            lastLog = now;
            LOG.info("{}", ProgressFormat.line(progress));
        }
    }

    @Override
    public void finished(LaunchProgress progress) {
        LOG.info("{} (done)", ProgressFormat.line(progress));
    }
}
