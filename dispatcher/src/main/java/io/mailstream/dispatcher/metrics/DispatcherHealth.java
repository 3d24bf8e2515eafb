package io.mailstream.dispatcher.metrics;

import io.mailstream.telemetry.HealthReport;
import io.mailstream.telemetry.ServiceHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The dispatcher's probes. Live while its consume loop has not died on an error. Ready when it
 * runs, its campaign and suppression tables are current (loaded, and at most {@code tables.max-lag}
 * behind their topics, their followers alive: otherwise it holds its mail, so it never mails a
 * suppressed address or a paused campaign), its sent-ledger keyed by message id is current (caught
 * up with {@code mail.delivery-events} and still following it), and owns at least one partition. A dispatcher beyond the partition count
 * stays unready by design: it does no work (dispatchers have no Service, so nothing is routed by this).
 */
public final class DispatcherHealth implements ServiceHealth {
    private final BooleanSupplier running;
    private final BooleanSupplier failed;
    private final BooleanSupplier campaignsCurrent;
    private final BooleanSupplier suppressionsCurrent;
    private final IntSupplier assignedPartitions;
    private final Supplier<String> campaignsLag;
    private final Supplier<String> suppressionsLag;
    private final BooleanSupplier sentLedgerCurrent;
    private final Workers workers;

    public DispatcherHealth(BooleanSupplier running, BooleanSupplier failed, BooleanSupplier campaignsCurrent,
                            BooleanSupplier suppressionsCurrent, IntSupplier assignedPartitions) {
        this(running, failed, campaignsCurrent, suppressionsCurrent, assignedPartitions, () -> "", () -> "", () -> true);
    }

    /** @param sentLedgerCurrent whether the sent-ledger's feed has caught up and not stopped on an error */
    public DispatcherHealth(BooleanSupplier running, BooleanSupplier failed, BooleanSupplier campaignsCurrent,
                            BooleanSupplier suppressionsCurrent, IntSupplier assignedPartitions,
                            BooleanSupplier sentLedgerCurrent) {
        this(running, failed, campaignsCurrent, suppressionsCurrent, assignedPartitions, () -> "", () -> "", sentLedgerCurrent);
    }

    /** @param campaignsLag, suppressionsLag how far behind each table is, shown in the readiness details */
    public DispatcherHealth(BooleanSupplier running, BooleanSupplier failed, BooleanSupplier campaignsCurrent,
                            BooleanSupplier suppressionsCurrent, IntSupplier assignedPartitions,
                            Supplier<String> campaignsLag, Supplier<String> suppressionsLag) {
        this(running, failed, campaignsCurrent, suppressionsCurrent, assignedPartitions, campaignsLag, suppressionsLag, () -> true);
    }

    public DispatcherHealth(BooleanSupplier running, BooleanSupplier failed, BooleanSupplier campaignsCurrent,
                            BooleanSupplier suppressionsCurrent, IntSupplier assignedPartitions,
                            Supplier<String> campaignsLag, Supplier<String> suppressionsLag, BooleanSupplier sentLedgerCurrent) {
        this(running, failed, campaignsCurrent, suppressionsCurrent, assignedPartitions, campaignsLag, suppressionsLag,
                sentLedgerCurrent, Workers.NONE);
    }

    /** What the health checks see of the delivery workers. */
    public interface Workers {
        Workers NONE = new Workers() {
            @Override
            public int dead() {
                return 0;
            }

            @Override
            public long recordsFailed() {
                return 0;
            }

            @Override
            public String lastFailure() {
                return "";
            }
        };

        /** Workers that died on an unexpected throwable. */
        int dead();

        /** Records completed as failed (retried or dead-lettered) because their worker hit an unexpected throwable. */
        long recordsFailed();

        /** The last such throwable, or empty. */
        String lastFailure();
    }

    /**
     * @param workers a delivery worker that died makes the dispatcher neither live nor ready (it delivers with
     *                fewer workers than configured, which only a restart repairs); records whose worker hit an
     *                unexpected throwable and survived are shown in the details
     */
    public DispatcherHealth(BooleanSupplier running, BooleanSupplier failed, BooleanSupplier campaignsCurrent,
                            BooleanSupplier suppressionsCurrent, IntSupplier assignedPartitions,
                            Supplier<String> campaignsLag, Supplier<String> suppressionsLag, BooleanSupplier sentLedgerCurrent,
                            Workers workers) {
        this.workers = workers;
        this.sentLedgerCurrent = sentLedgerCurrent;
        this.campaignsLag = campaignsLag;
        this.suppressionsLag = suppressionsLag;
        this.running = running;
        this.failed = failed;
        this.campaignsCurrent = campaignsCurrent;
        this.suppressionsCurrent = suppressionsCurrent;
        this.assignedPartitions = assignedPartitions;
    }

    @Override
    public HealthReport liveness() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("consumeLoopNotFailed", !failed.getAsBoolean());
        checks.put("deliveryWorkersAlive", workers.dead() == 0);
        return new HealthReport(checks, workerDetails());
    }

    @Override
    public HealthReport readiness() {
        int assigned = assignedPartitions.getAsInt();
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("running", running.getAsBoolean());
        checks.put("campaignsCurrent", campaignsCurrent.getAsBoolean());
        checks.put("suppressionsCurrent", suppressionsCurrent.getAsBoolean());
        checks.put("sentLedgerCurrent", sentLedgerCurrent.getAsBoolean());
        checks.put("partitionsAssigned", assigned > 0);
        checks.put("deliveryWorkersAlive", workers.dead() == 0);
        Map<String, String> details = new LinkedHashMap<>(workerDetails());
        details.put("assignedPartitions", Integer.toString(Math.max(assigned, 0)));
        String c = campaignsLag.get();
        String s = suppressionsLag.get();
        if (!c.isEmpty()) {
            details.put("campaignsLag", c);
        }
        if (!s.isEmpty()) {
            details.put("suppressionsLag", s);
        }
        return new HealthReport(checks, details);
    }

    private Map<String, String> workerDetails() {
        Map<String, String> details = new LinkedHashMap<>();
        if (workers.dead() > 0) {
            details.put("deadWorkers", Integer.toString(workers.dead()));
        }
        if (workers.recordsFailed() > 0) {
            details.put("recordsFailedByWorkerErrors", Long.toString(workers.recordsFailed()));
            details.put("lastWorkerError", workers.lastFailure());
        }
        return details;
    }
}
