package io.mailstream.dispatcher.consume;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.lane.LaneSettings;
import java.time.Duration;

/**
 * How the consume engine spreads work.
 *
 * @param workers                 {@code delivery.workers}: SMTP transactions in flight at most, one virtual thread each (1..{@value #MAX_WORKERS})
 * @param perDomainConcurrency    {@code delivery.per-domain-concurrency}: workers one routing key may hold at once
 * @param maxBufferedPerPartition {@code buffer.max-records-per-partition}: a partition is paused at this many records in memory, resumed at half
 * @param maxBuffered             {@code buffer.max-records}: all partitions are paused at this many records in memory, resumed at half
 * @param commitInterval          {@code commit.interval}: durable offsets are committed at most this often while busy (zero: after every poll)
 * @param ackWindow               {@code delivery.unacknowledged-events-per-worker}: how many of a worker's delivery events
 *                                may await their acknowledgement when it starts its next SMTP transaction, so that a crash
 *                                repeats at most that many plus the one in flight per worker; unbounded only for tests
 *                                that acknowledge writes by hand
 * @param lanes                   {@code lane.transactional.*}: what is reserved for transactional mail; the buffer bounds
 *                                above are campaign mail's, the transactional lane has its own
 */
public record EngineSettings(int workers, int perDomainConcurrency, int maxBufferedPerPartition, int maxBuffered,
                             Duration commitInterval, EventAckWindow ackWindow, LaneSettings lanes) {
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    public static final int DEFAULT_WORKERS = 8;
    /** A limit, not a thread count: each worker is a virtual thread, parked while its receiver thinks. */
    public static final int MAX_WORKERS = 100_000;
    public static final int DEFAULT_PER_DOMAIN_CONCURRENCY = 2;
    public static final int DEFAULT_MAX_BUFFERED_PER_PARTITION = 1000;
    public static final int DEFAULT_MAX_BUFFERED = 10_000;

    public EngineSettings {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new InvalidConfigException("delivery.workers", "must be in 1.." + MAX_WORKERS + ", was " + workers);
        }
        if (perDomainConcurrency < 1) {
            throw new InvalidConfigException("delivery.per-domain-concurrency", "must be at least 1, was " + perDomainConcurrency);
        }
        if (maxBufferedPerPartition < 1) {
            throw new InvalidConfigException("buffer.max-records-per-partition", "must be at least 1, was " + maxBufferedPerPartition);
        }
        if (maxBuffered < maxBufferedPerPartition) {
            throw new InvalidConfigException("buffer.max-records", "must be at least buffer.max-records-per-partition ("
                    + maxBufferedPerPartition + "), was " + maxBuffered);
        }
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidConfigException("commit.interval", "must be in 0..1m, was " + commitInterval);
        }
        if (ackWindow == null) {
            throw new InvalidConfigException("delivery.unacknowledged-events-per-worker", "is required");
        }
        if (lanes == null) {
            throw new InvalidConfigException("lane.transactional.workers", "lane settings are required");
        }
    }

    /** With the default transactional lane. */
    public EngineSettings(int workers, int perDomainConcurrency, int maxBufferedPerPartition, int maxBuffered,
                          Duration commitInterval, EventAckWindow ackWindow) {
        this(workers, perDomainConcurrency, maxBufferedPerPartition, maxBuffered, commitInterval, ackWindow,
                LaneSettings.defaults());
    }

    public EngineSettings withLanes(LaneSettings l) {
        return new EngineSettings(workers, perDomainConcurrency, maxBufferedPerPartition, maxBuffered, commitInterval,
                ackWindow, l);
    }

    public EngineSettings withAckWindow(EventAckWindow w) {
        return new EngineSettings(workers, perDomainConcurrency, maxBufferedPerPartition, maxBuffered, commitInterval,
                w, lanes);
    }

    /** With the default window of unacknowledged events per worker. */
    public EngineSettings(int workers, int perDomainConcurrency, int maxBufferedPerPartition, int maxBuffered,
                          Duration commitInterval) {
        this(workers, perDomainConcurrency, maxBufferedPerPartition, maxBuffered, commitInterval, EventAckWindow.defaults());
    }

    /**
     * {@code workers} and their per-domain share, with buffers that can keep them all busy: a record
     * being delivered counts as buffered, so a buffer smaller than the workers would leave some idle.
     */
    public static EngineSettings forWorkers(int workers, int perDomainConcurrency) {
        return new EngineSettings(workers, perDomainConcurrency, Math.max(DEFAULT_MAX_BUFFERED_PER_PARTITION, workers),
                Math.max(DEFAULT_MAX_BUFFERED, 2 * workers), DEFAULT_COMMIT_INTERVAL);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(DEFAULT_WORKERS, DEFAULT_PER_DOMAIN_CONCURRENCY, DEFAULT_MAX_BUFFERED_PER_PARTITION,
                DEFAULT_MAX_BUFFERED, DEFAULT_COMMIT_INTERVAL);
    }
}
