package io.mailstream.cli.lag;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link LagReport} as a table for people: one row per partition, a total per topic and per group. */
public final class LagTable {
    private static final String ROW = "%-28s %-24s %9s %12s %12s %10s%n";

    private LagTable() {
    }

    public static String render(LagReport report) {
        StringBuilder b = new StringBuilder();
        LagSnapshot s = report.snapshot();
        b.append("lag at ").append(s.takenAt()).append('\n');
        if (s.partitions().isEmpty()) {
            return b.append("no matching consumer group has committed offsets\n").toString();
        }
        b.append(String.format(Locale.ROOT, ROW, "GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"));
        for (Map.Entry<String, Long> group : s.lagByGroup().entrySet()) {
            String g = group.getKey();
            for (PartitionLag p : s.partitionsOf(g)) {
                b.append(String.format(Locale.ROOT, ROW, g, p.topic(), p.partition(),
                        p.committed().isPresent() ? String.valueOf(p.committed().getAsLong()) : "-", p.end(), p.lag()));
            }
            Map<String, Long> topics = s.lagByTopic(g);
            if (topics.size() > 1) {
                topics.forEach((t, lag) -> b.append(String.format(Locale.ROOT, ROW, g, t, "total", "", "", lag)));
            }
            b.append(String.format(Locale.ROOT, "%-28s total lag %d%s%s%n", g, group.getValue(),
                    rateText(report.rates().get(g)), report.groupsOverMaxLag().contains(g)
                            ? "  OVER MAX LAG " + report.maxLag().getAsLong() : ""));
        }
        b.append("total lag ").append(s.totalLag()).append('\n');
        return b.toString();
    }

    private static String rateText(LagRate rate) {
        if (rate == null) {
            return "";
        }
        String speed = String.format(Locale.ROOT, "%+.1f/s", rate.perSecond());
        return switch (rate.direction()) {
            case DRAINING -> ", draining " + speed + ", drained in ~" + human(rate.timeToDrain().orElseThrow());
            case GROWING -> ", growing " + speed + (rate.currentLag() == 0 ? "" : ", not draining");
            case STEADY -> rate.currentLag() == 0 ? ", steady (drained)" : ", steady, not draining";
        };
    }

    /** 45s, 12m 5s, 3h 20m. */
    static String human(Duration d) {
        long s = Math.max(0, (d.toMillis() + 500) / 1000);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
}
