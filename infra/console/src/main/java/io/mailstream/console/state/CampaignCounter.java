package io.mailstream.console.state;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.EngagementEvent;

/**
 * Counts one campaign's outcomes. The launcher supplies the bounce processor's own tally (the one
 * {@code campaign status} uses), so the console and the CLI count alike without the console
 * depending on another service's classes (DESIGN.md: services talk through topics only).
 */
public interface CampaignCounter {
    void accept(DeliveryEvent event);

    /** A feedback report naming {@code messageId}; ignored unless it is one of this campaign's. */
    void acceptComplaint(String messageId);

    /** A DSN failing {@code recipient} after a relay accepted {@code messageId}. */
    void acceptReceivedBounce(String messageId, String recipient, String reason);

    /** A delayed DSN for {@code messageId}. */
    void acceptReceivedDelay(String messageId);

    CampaignCounts counts();

    /**
     * Whether a delivery event of {@code messageId} of this campaign was read (and is still remembered); a report
     * about a message no campaign knows is held until its event arrives ({@link EarlyReports}). A counter that
     * cannot tell answers true: its reports are never held.
     */
    default boolean knows(String messageId) {
        return true;
    }

    /** A click or open of {@code mail.engagement} for this campaign; a counter that counts no engagement ignores it. */
    default void acceptEngagement(EngagementEvent event) {
    }

    default EngagementCounts engagement() {
        return EngagementCounts.NONE;
    }

    /** The counts per provider within the campaign guard's window; a counter that keeps none answers {@link WindowedCounts#NONE}. */
    default WindowedCounts windowed() {
        return WindowedCounts.NONE;
    }
}
