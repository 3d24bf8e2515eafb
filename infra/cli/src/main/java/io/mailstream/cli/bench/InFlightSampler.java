package io.mailstream.cli.bench;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Samples a gauge (the sink's open mail transactions) on its own virtual thread while the bench
 * clock runs: the average is the effective concurrency, which with a slow receiver is what sets
 * throughput (Little's law: messages/s = transactions in flight / seconds per transaction).
 */
final class InFlightSampler implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofMillis(10);

    private final IntSupplier gauge;
    private final Thread thread;
    private volatile boolean running = true;
    private long samples; // written by the sampler thread only, read after join
    private long sum;
    private int max;

    InFlightSampler(IntSupplier gauge) {
        this.gauge = gauge;
        this.thread = Thread.ofVirtual().name("bench-in-flight-sampler").start(this::run);
    }

    private void run() {
        while (running) {
            int v = gauge.getAsInt();
            samples++;
            sum += v;
            max = Math.max(max, v);
            try {
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling; the figures are final after this. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    double average() {
        return samples == 0 ? 0 : (double) sum / samples;
    }

    int max() {
        return max;
    }
}
