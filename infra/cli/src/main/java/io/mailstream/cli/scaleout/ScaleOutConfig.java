package io.mailstream.cli.scaleout;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a scale-out run does.
 *
 * @param messages       recipients in the campaign (one message each)
 * @param partitions     partitions of mail.outbound and the other keyed topics
 * @param domains        recipient domains, i.e. routing keys spread over the partitions
 * @param brokers        Kafka nodes (3 gives replication factor 3, min.insync.replicas 2)
 * @param dispatchers    dispatchers added one by one (at least 2: one is SIGKILLed and the rest must finish)
 * @param idleWindow     how long to watch the lag with no dispatcher after the launch
 * @param timeout        the longest the whole run may take once the cluster is up
 * @param sessionTimeout the dispatchers' consumer {@code session.timeout.ms}: how long the group waits for the
 *                       SIGKILLed dispatcher before its partitions move ({@link #KAFKA_DEFAULT_SESSION_TIMEOUT} unless told)
 * @param workDir        logs, broker data, the campaign and the reports
 * @param pidFile        where to list the pids of the JVMs started (for a wrapper's cleanup), if anywhere
 */
public record ScaleOutConfig(int messages, int partitions, int domains, int brokers, int dispatchers,
        Duration idleWindow, Duration timeout, Duration sessionTimeout, Path workDir, java.util.Optional<Path> pidFile) {
    /** Kafka's own default {@code session.timeout.ms} (KIP-735). */
    public static final Duration KAFKA_DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    /** The broker's default {@code group.min.session.timeout.ms}: a shorter session is refused at join. */
    static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);

    public ScaleOutConfig {
        if (messages < 100) {
            throw new IllegalArgumentException("messages must be at least 100 (phases are fractions of the campaign), was " + messages);
        }
        if (partitions < 1 || domains < 1) {
            throw new IllegalArgumentException("partitions and domains must be positive, were " + partitions + " and " + domains);
        }
        if (brokers < 2) {
            throw new IllegalArgumentException("brokers must be at least 2 (one is SIGKILLed), was " + brokers);
        }
        if (dispatchers < 2) {
            throw new IllegalArgumentException("dispatchers must be at least 2 (one is SIGKILLed), was " + dispatchers);
        }
        if (idleWindow == null || idleWindow.isNegative() || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idleWindow must be >= 0 and timeout > 0, were " + idleWindow + " and " + timeout);
        }
        if (sessionTimeout == null || sessionTimeout.compareTo(MIN_SESSION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("sessionTimeout must be at least " + MIN_SESSION_TIMEOUT
                    + " (the broker's group.min.session.timeout.ms), was " + sessionTimeout);
        }
        if (workDir == null || pidFile == null) {
            throw new IllegalArgumentException("workDir is required and pidFile must be Optional.empty() rather than null");
        }
    }

    /** Recipients launched only right before the SIGKILLs: a share of the campaign. */
    int lastPartSize() {
        return messages / (dispatchers + 2);
    }

    /**
     * When a phase with dispatchers ends, given the messages done when it starts: after another share
     * of the campaign, or when the first part is done.
     */
    long phaseEnd(long doneAtStart) {
        long firstPart = messages - lastPartSize();
        return Math.max(doneAtStart, Math.min(doneAtStart + lastPartSize(), firstPart));
    }
}
