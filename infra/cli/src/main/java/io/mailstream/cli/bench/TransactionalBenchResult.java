package io.mailstream.cli.bench;

import java.io.PrintStream;
import java.util.Locale;

/** What {@code bench transactional} measured: a table, and with {@code --json} one JSON object on the last line. */
record TransactionalBenchResult(long backlog, int paused, int rate, double seconds, int transactionalRequested,
                                int transactionalAccepted, int transactionalRefused, int transactionalSent,
                                int transactionalFailed, LatencySummary latency, double campaignMessagesPerSecond,
                                int campaignDeliveredTotal, double cpuSeconds, double jitCpuSeconds,
                                int warmup) {

    /** Process CPU per 1 000 campaign messages delivered in the window: comparable with {@code bench delivery}'s under load. */
    double cpuSecondsPer1000() {
        double campaign = campaignMessagesPerSecond * seconds;
        return campaign > 0 ? cpuSeconds / (campaign / 1000.0) : Double.NaN;
    }

    void print(PrintStream out, boolean json) {
        out.printf(Locale.ROOT, "%-46s %,d%n", "campaign backlog (messages)", backlog);
        out.printf(Locale.ROOT, "%-46s %,d%n", "paused campaign (messages)", paused);
        out.printf(Locale.ROOT, "%-46s %d/s for %.1f s%n", "transactional requests", rate, seconds);
        out.printf(Locale.ROOT, "%-46s %,d / %,d / %,d%n", "requested / accepted (202) / refused", transactionalRequested,
                transactionalAccepted, transactionalRefused);
        out.printf(Locale.ROOT, "%-46s %,d (%d failed)%n", "transactional delivered (SMTP 250)", transactionalSent,
                transactionalFailed);
        out.printf(Locale.ROOT, "%-46s %,d / %,d / %,d ms%n", "202 -> SMTP 250: p50 / p99 / max", latency.p50Millis(),
                latency.p99Millis(), latency.maxMillis());
        out.printf(Locale.ROOT, "%-46s %,.0f%n", "campaign messages/s during the run", campaignMessagesPerSecond);
        out.printf(Locale.ROOT, "%-46s %,d%n", "campaign delivered by the end", campaignDeliveredTotal);
        out.printf(Locale.ROOT, "%-46s %,d%n", "warm-up (campaign messages before the clock)", warmup);
        out.printf(Locale.ROOT, "%-46s %.1f%n", "process CPU s during the run", cpuSeconds);
        out.printf(Locale.ROOT, "%-46s %.3f%n", "CPU s per 1000 campaign messages (process)", cpuSecondsPer1000());
        out.printf(Locale.ROOT, "%-46s %.1f%n", "JIT compiler CPU s (timed part)", jitCpuSeconds);
        if (json) {
            out.printf(Locale.ROOT, "{\"p50Millis\":%d,\"p99Millis\":%d,\"maxMillis\":%d,\"transactionalSent\":%d,"
                            + "\"campaignMessagesPerSecond\":%.1f,\"transactionalAccepted\":%d,\"transactionalRefused\":%d,"
                            + "\"transactionalFailed\":%d,\"rate\":%d,\"seconds\":%.3f,\"backlog\":%d,\"paused\":%d,"
                            + "\"campaignDeliveredTotal\":%d,\"cpuSeconds\":%.3f,\"cpuSecondsPer1000\":%s,"
                            + "\"jitCpuSeconds\":%.3f,\"warmup\":%d}%n",
                    latency.p50Millis(), latency.p99Millis(), latency.maxMillis(), transactionalSent, campaignMessagesPerSecond,
                    transactionalAccepted, transactionalRefused, transactionalFailed, rate, seconds, backlog, paused,
                    campaignDeliveredTotal, cpuSeconds, Double.isNaN(cpuSecondsPer1000()) ? "null"
                            : String.format(Locale.ROOT, "%.4f", cpuSecondsPer1000()), jitCpuSeconds, warmup);
        }
    }
}
