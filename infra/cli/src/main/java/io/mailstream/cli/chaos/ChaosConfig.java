package io.mailstream.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code mailstream bench chaos} runs.
 *
 * @param messages    recipients of the campaign, one message each
 * @param kills       SIGKILLs of dispatchers during the campaign (one broker is killed once as well)
 * @param dispatchers dispatchers, each in its own JVM
 * @param partitions  partitions of the mail topics
 * @param domains     recipient domains (routing keys), so that every partition has work
 * @param seed        seed of the random kill moments and victims (printed, so a run can be repeated)
 * @param timeout     the longest the run may take once the cluster is up
 * @param workDir     logs, broker data, reports
 * @param pidFile     where every JVM started is recorded for a wrapper's cleanup
 */
public record ChaosConfig(int messages, int kills, int dispatchers, int partitions, int domains, long seed, Duration timeout,
        Path workDir, Optional<Path> pidFile) {
    public ChaosConfig {
        if (messages < 100) {
            throw new IllegalArgumentException("--messages must be at least 100 (kills need a campaign in progress), was " + messages);
        }
        if (kills < 0 || kills > 50) {
            throw new IllegalArgumentException("--kills must be in 0..50, was " + kills);
        }
        if (dispatchers < 2) {
            throw new IllegalArgumentException("--dispatchers must be at least 2 (someone must take over), was " + dispatchers);
        }
        if (partitions < dispatchers) {
            throw new IllegalArgumentException("--partitions must be at least --dispatchers (" + dispatchers + "), was " + partitions);
        }
        if (domains < partitions) {
            throw new IllegalArgumentException("--domains must be at least --partitions (" + partitions + "), was " + domains);
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(pidFile, "pidFile");
    }
}
