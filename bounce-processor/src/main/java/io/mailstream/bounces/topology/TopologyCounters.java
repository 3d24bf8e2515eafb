package io.mailstream.bounces.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the topology skipped, for operators: bounces nobody could read and records that were not
 * valid Avro. Thread-safe; shared by the stream threads of one instance.
 */
public final class TopologyCounters {
    private final AtomicLong unparseableBounces = new AtomicLong();
    private final AtomicLong corruptRecords = new AtomicLong();
    private final AtomicLong suppressionsWritten = new AtomicLong();
    private final AtomicLong pendingReports = new AtomicLong();
    private final java.util.Map<NotApplied, AtomicLong> notApplied = new java.util.EnumMap<>(NotApplied.class);
    private final TopologyObserver observer;

    public TopologyCounters() {
        this(TopologyObserver.NONE);
    }

    /** Counters that also tell {@code observer} what the topology decides (metrics). */
    public TopologyCounters(TopologyObserver observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
        for (NotApplied why : NotApplied.values()) {
            notApplied.put(why, new AtomicLong());
        }
    }

    void failureNotApplied(NotApplied why) {
        notApplied.get(why).incrementAndGet();
        observer.failureNotApplied(why);
    }

    /** Failures received reports claimed that were not applied, for this reason (logged too). */
    public long notApplied(NotApplied why) {
        return notApplied.get(why).get();
    }

    TopologyObserver observer() {
        return observer;
    }

    void unparseableBounce() {
        unparseableBounces.incrementAndGet();
    }

    void corruptRecord() {
        corruptRecords.incrementAndGet();
    }

    void suppressionWritten(io.mailstream.avro.SuppressionSource source) {
        suppressionsWritten.incrementAndGet();
        observer.suppressionWritten(source);
    }

    void pendingReportsChanged(long delta) {
        pendingReports.addAndGet(delta);
    }

    /** Received reports of this instance's tasks waiting for their message's delivery event. */
    public long pendingReports() {
        return pendingReports.get();
    }

    /** Raw bounces the classifier could not read (logged, skipped). */
    public long unparseableBounces() {
        return unparseableBounces.get();
    }

    /** Records of mail.bounces.raw or mail.delivery-events that did not decode (sent to mail.dead-letter). */
    public long corruptRecords() {
        return corruptRecords.get();
    }

    /** Suppression records (not tombstones) written to mail.suppressions. */
    public long suppressionsWritten() {
        return suppressionsWritten.get();
    }
}
