package io.mailstream.console.lag;

import java.time.Duration;
import java.util.Optional;

/**
 * What the lag page can tell of one consumer group from the cluster alone: how many members hold
 * its partitions, how far behind it is, how fast it is catching up, and when it will have drained.
 *
 * @param members          distinct members owning a partition now
 * @param unowned          partitions with a committed position that no member holds
 * @param ratePerSecond    committed records per second over the sampling window; empty until two samples
 * @param drainEta         lag divided by that rate; empty when nothing is behind or nothing moves
 */
public record GroupHealth(String group, String service, int members, int partitions, int unowned, long lag,
                          Optional<Double> ratePerSecond, Optional<Duration> drainEta) {

    public enum Readiness { READY, DEGRADED, STALLED, DOWN }

    /**
     * DOWN: no member holds a partition; DEGRADED: some partitions have no owner; STALLED: behind
     * while its position did not move over the window; READY otherwise.
     */
    public Readiness readiness() {
        if (members == 0) {
            return Readiness.DOWN;
        }
        if (unowned > 0) {
            return Readiness.DEGRADED;
        }
        if (lag > 0 && ratePerSecond.isPresent() && ratePerSecond.get() == 0) {
            return Readiness.STALLED;
        }
        return Readiness.READY;
    }
}
