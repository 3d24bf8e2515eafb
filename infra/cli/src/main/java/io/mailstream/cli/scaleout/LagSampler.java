package io.mailstream.cli.scaleout;

import io.mailstream.cli.lag.GroupFilter;
import io.mailstream.cli.lag.LagReader;
import io.mailstream.cli.lag.LagSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the dispatcher group's total lag with the same reader as {@code mailstream lag --json},
 * on a thread of its own, tagging each sample with the phase the run is in.
 */
public final class LagSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LagSampler.class);

    private final LagReader reader;
    private final GroupFilter group;
    private final Supplier<String> phase;
    private final Supplier<Integer> dispatchers;
    private final long startNanos;
    private final Duration interval;
    private final List<LagPoint> points = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public LagSampler(String bootstrapServers, String groupId, long startNanos, Duration interval,
            Supplier<String> phase, Supplier<Integer> dispatchers) {
        this.reader = LagReader.connect(bootstrapServers, Duration.ofSeconds(10), Clock.systemUTC());
        this.group = GroupFilter.named(List.of(groupId));
        this.phase = phase;
        this.dispatchers = dispatchers;
        this.startNanos = startNanos;
        this.interval = interval;
        this.thread = new Thread(this::run, "scale-out-lag-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            sample();
            try {
                Thread.sleep(interval.toMillis()); // the sampling period itself
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes one sample now; empty if the cluster did not answer (e.g. right after a broker was killed). */
    public OptionalLong sample() {
        String p = phase.get();
        int d = dispatchers.get();
        try {
            LagSnapshot s = reader.read(group);
            long lag = s.totalLag();
            synchronized (this) {
                points.add(new LagPoint((System.nanoTime() - startNanos) / 1e9, p, d, lag));
            }
            return OptionalLong.of(lag);
        } catch (RuntimeException e) {
            LOG.debug("lag sample failed: {}", e.toString());
            return OptionalLong.empty();
        }
    }

    public synchronized List<LagPoint> points() {
        return List.copyOf(points);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
