package io.mailstream.console.state;

import java.time.Duration;
import java.util.Map;

/**
 * A campaign's counts per mailbox provider within the campaign guard's window ({@code guard.window}): what the
 * guard's rates are judged on, beside the campaign's lifetime counts.
 *
 * @param window     the guard's window; null from a counter that keeps none
 * @param byProvider counts per provider within the window
 */
public record WindowedCounts(Duration window, Map<String, ProviderCount> byProvider) {
    public static final WindowedCounts NONE = new WindowedCounts(null, Map.of());

    public WindowedCounts {
        byProvider = Map.copyOf(byProvider);
    }
}
