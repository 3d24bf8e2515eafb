package io.mailstream.producer.launch;

import java.time.Duration;
import java.util.Locale;

/** The one-line text both progress reporters show. */
final class ProgressFormat {
    private ProgressFormat() {
    }

    static String line(LaunchProgress p) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %,d rows, %,d published, %,d acknowledged, %,d rejected, %,d duplicates, %,.0f rows/s",
                p.campaignId(), p.rowsRead(), p.published(), p.acknowledged(), p.rejected(), p.duplicates(), p.rowsPerSecond()));
        p.fraction().ifPresent(f -> b.append(String.format(Locale.ROOT, ", %.1f%%", f * 100)));
        p.eta().ifPresent(eta -> b.append(", ETA ").append(duration(eta)));
        return b.toString();
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
