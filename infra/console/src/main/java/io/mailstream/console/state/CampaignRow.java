package io.mailstream.console.state;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the console shows of one campaign: its state (and the state version a pause/resume/cancel
 * button is based on), the counts of {@code campaign status}, the current rate and the ETA from it.
 *
 * @param expected  the campaign's distinct recipients once its launch finished ({@code expectedMessages}); empty before
 * @param ratePerSecond finished messages per second over the last {@link RateSeries#RATE_WINDOW} seconds
 */
public record CampaignRow(String id, String name, String state, long stateVersion, Optional<Long> expected,
                          long delivered, long deferred, long bounced, long expired, long complaints, long suppressed,
                          long unsubscribes, long rejected, long cancelled, Map<String, Long> bouncedByReason,
                          long finished, double ratePerSecond, Optional<String> listId) {

    /** Whole percent of the expected messages that finished; 0 while the count is unknown. */
    public int progressPercent() {
        return expected.filter(e -> e > 0).map(e -> (int) Math.min(100, finished * 100 / e)).orElse(0);
    }

    /** Time left at the current rate; empty when nothing is moving or the total is unknown. */
    public Optional<Duration> eta() {
        if (expected.isEmpty() || ratePerSecond <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, expected.get() - finished);
        return Optional.of(Duration.ofSeconds((long) Math.ceil(left / ratePerSecond)));
    }

    /** Bounces among the messages that reached a receiver's verdict. */
    public double bounceRate() {
        return ratio(bounced, delivered + bounced);
    }

    /** Complaints per delivered message (what Gmail and Yahoo measure against 0.1 % / 0.3 %). */
    public double complaintRate() {
        return ratio(complaints, delivered);
    }

    public double unsubscribeRate() {
        return ratio(unsubscribes, delivered);
    }

    public boolean isActive() {
        return "sending".equals(state) || "paused".equals(state);
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }
}
