package io.mailstream.dispatcher.consume;

import org.apache.kafka.common.TopicPartition;

/**
 * What this dispatcher has of one assigned partition in memory: records buffered (queued, held or
 * being delivered) and records being delivered right now. Once revoked, no new delivery of its
 * records starts; the rebalance and shutdown paths wait for the ones in flight. Thread-safe.
 */
final class PartitionState {
    private final TopicPartition partition;
    private int buffered;
    private int inFlight;
    private boolean revoked;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    synchronized void buffered(int delta) {
        buffered += delta;
    }

    synchronized int buffered() {
        return buffered;
    }

    /** @return false when the partition was revoked: the record must not be delivered here */
    synchronized boolean tryStart() {
        if (revoked) {
            return false;
        }
        inFlight++;
        return true;
    }

    synchronized void finish() {
        inFlight--;
        notifyAll();
    }

    synchronized void revoke() {
        revoked = true;
    }

    synchronized boolean revoked() {
        return revoked;
    }

    /** Waits until no delivery of this partition is in flight; @return false on timeout */
    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (inFlight > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
