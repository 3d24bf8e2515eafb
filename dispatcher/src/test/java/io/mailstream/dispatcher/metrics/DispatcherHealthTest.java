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

    @Test
    void aDeadDeliveryWorkerShouldMakeTheDispatcherNeitherLiveNorReadyAndShowWhy() {
        AtomicInteger dead = new AtomicInteger();
        DispatcherHealth withWorkers = new DispatcherHealth(running::get, failed::get, campaigns::get, suppressions::get,
                partitions::get, () -> "", () -> "", ledger::get, new DispatcherHealth.Workers() {
                    @Override
                    public int dead() {
                        return dead.get();
                    }

                    @Override
                    public long recordsFailed() {
                        return 2;
                    }

                    @Override
                    public String lastFailure() {
                        return "java.lang.StackOverflowError";
                    }
                });
        running.set(true);
        campaigns.set(true);
        suppressions.set(true);
        partitions.set(3);
        assertThat(withWorkers.readiness().up()).as("workers that survived errors are shown, not fatal").isTrue();
        assertThat(withWorkers.readiness().details()).containsEntry("recordsFailedByWorkerErrors", "2")
                .containsEntry("lastWorkerError", "java.lang.StackOverflowError");

        dead.set(1);

        assertThat(withWorkers.liveness().checks()).containsEntry("deliveryWorkersAlive", false);
        assertThat(withWorkers.liveness().up()).isFalse();
        assertThat(withWorkers.readiness().up()).isFalse();
        assertThat(withWorkers.liveness().details()).containsEntry("deadWorkers", "1");
    }
}
