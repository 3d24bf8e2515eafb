package io.mailstream.dispatcher.metrics;

import io.mailstream.telemetry.HealthReport;
import io.mailstream.telemetry.ServiceHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The dispatcher's probes. Live while its consume loop has not died on an error. Ready when it
 * runs, has loaded the campaign and suppression tables (so it never mails a suppressed address
 * or a paused campaign), its sent-ledger keyed by message id is current (caught up with
 * {@code mail.delivery-events} and still following it), and owns at least one partition. A dispatcher beyond the partition count
 * stays unready by design: it does no work (dispatchers have no Service, so nothing is routed by this).
 */
public final class DispatcherHealth implements ServiceHealth {
    private final BooleanSupplier running;
    private final BooleanSupplier failed;
    private final BooleanSupplier campaignsCaughtUp;
    private final BooleanSupplier suppressionsCaughtUp;
    private final IntSupplier assignedPartitions;
    private final BooleanSupplier sentLedgerCurrent;

    public DispatcherHealth(BooleanSupplier running, BooleanSupplier failed, BooleanSupplier campaignsCaughtUp,
                            BooleanSupplier suppressionsCaughtUp, IntSupplier assignedPartitions) {
        this(running, failed, campaignsCaughtUp, suppressionsCaughtUp, assignedPartitions, () -> true);
    }

    /** @param sentLedgerCurrent whether the sent-ledger's feed has caught up and not stopped on an error */
    public DispatcherHealth(BooleanSupplier running, BooleanSupplier failed, BooleanSupplier campaignsCaughtUp,
                            BooleanSupplier suppressionsCaughtUp, IntSupplier assignedPartitions,
                            BooleanSupplier sentLedgerCurrent) {
        this.sentLedgerCurrent = sentLedgerCurrent;
        this.running = running;
        this.failed = failed;
        this.campaignsCaughtUp = campaignsCaughtUp;
        this.suppressionsCaughtUp = suppressionsCaughtUp;
        this.assignedPartitions = assignedPartitions;
    }

    @Override
    public HealthReport liveness() {
        return HealthReport.of(Map.of("consumeLoopNotFailed", !failed.getAsBoolean()));
    }

    @Override
    public HealthReport readiness() {
        int assigned = assignedPartitions.getAsInt();
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("running", running.getAsBoolean());
        checks.put("campaignsCaughtUp", campaignsCaughtUp.getAsBoolean());
        checks.put("suppressionsCaughtUp", suppressionsCaughtUp.getAsBoolean());
        checks.put("sentLedgerCurrent", sentLedgerCurrent.getAsBoolean());
        checks.put("partitionsAssigned", assigned > 0);
        return new HealthReport(checks, Map.of("assignedPartitions", Integer.toString(Math.max(assigned, 0))));
    }
}
