package io.mailstream.cli.console;

import io.mailstream.bounces.guard.RateWindow;
import io.mailstream.bounces.stats.ProviderCounts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A campaign's counts per mailbox provider within the campaign guard's window ({@code guard.window}, default 1 h),
 * sampled as the guard samples them ({@link RateWindow}: the totals as of the last update of each bucket, event
 * time), so the console shows the rates the guard judges, not the campaign's lifetime ones. The window ends at the
 * newest event time seen: the guard judges at each update, so a campaign that went quiet shows the rates of its last
 * hour, not zero.
 *
 * <p>Sampled lazily: a bucket's sample is taken when the first update of a later bucket arrives (the totals then
 * are those of the bucket's last update), so an event costs a comparison, not a copy of every provider's samples.
 */
final class WindowedProviderCounts {
    private final Duration window;
    private final long bucketMillis;
    private final Map<String, RateWindow> byProvider = new HashMap<>();
    private long latestMillis = Long.MIN_VALUE;

    WindowedProviderCounts(Duration window) {
        this.window = window;
        this.bucketMillis = RateWindow.bucketMillis(window);
    }

    Duration window() {
        return window;
    }

    /**
     * Before the counts change by an update at {@code atMillis} (null: an update without a time of its own, such as a
     * complaint, placed at the newest time seen): {@code before} gives the totals as they are before it.
     */
    void beforeUpdate(Long atMillis, Supplier<Map<String, ProviderCounts>> before) {
        if (atMillis == null || latestMillis == Long.MIN_VALUE) {
            latestMillis = atMillis == null ? latestMillis : atMillis;
            return;
        }
        // updates older than the newest one (another partition's, read later) belong to the newest bucket, as in the guard
        long at = Math.max(atMillis, latestMillis);
        if (Math.floorDiv(at, bucketMillis) > Math.floorDiv(latestMillis, bucketMillis)) {
            before.get().forEach((provider, counts) -> byProvider.put(provider,
                    byProvider.getOrDefault(provider, RateWindow.empty()).record(latestMillis, counts, window)));
        }
        latestMillis = at;
    }

    /** The counts within the window that ends at the newest update, given the totals {@code now}. */
    Map<String, ProviderCounts> within(Map<String, ProviderCounts> now) {
        Map<String, ProviderCounts> out = new TreeMap<>();
        if (latestMillis == Long.MIN_VALUE) {
            out.putAll(now);
            return out;
        }
        now.forEach((provider, counts) -> out.put(provider, byProvider.getOrDefault(provider, RateWindow.empty())
                .record(latestMillis, counts, window).within(latestMillis, window)));
        return out;
    }
}
