package io.mailstream.dispatcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatcherHealthTest {
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean campaigns = new AtomicBoolean();
    private final AtomicBoolean suppressions = new AtomicBoolean();
    private final AtomicInteger partitions = new AtomicInteger(-1);
    private final AtomicBoolean ledger = new AtomicBoolean(true);
    private final DispatcherHealth health = new DispatcherHealth(running::get, failed::get, campaigns::get,
            suppressions::get, partitions::get, ledger::get);

    @Test
    void readyOnlyWhenRunningCaughtUpAndOwningPartitions() {
        assertThat(health.readiness().up()).isFalse();
        running.set(true);
        campaigns.set(true);
        suppressions.set(true);
        assertThat(health.readiness().up()).as("no partitions yet").isFalse();
        assertThat(health.readiness().details()).containsEntry("assignedPartitions", "0");
        partitions.set(3);
        assertThat(health.readiness().up()).isTrue();
        suppressions.set(false);
        assertThat(health.readiness().checks()).containsEntry("suppressionsCurrent", false);
        assertThat(health.readiness().up()).isFalse();
    }

    @Test
    void notReadyWhileTheSentLedgerIsNotCurrent() {
        running.set(true);
        campaigns.set(true);
        suppressions.set(true);
        partitions.set(3);
        ledger.set(false);

        assertThat(health.readiness().checks()).containsEntry("sentLedgerCurrent", false);
        assertThat(health.readiness().up()).isFalse();
    }

    @Test
    void liveUnlessTheLoopFailed() {
        assertThat(health.liveness().up()).isTrue();
        failed.set(true);
        assertThat(health.liveness().up()).isFalse();
    }
}
