package io.mailstream.bounces.guard;

import io.mailstream.bounces.topology.BounceConfigException;
import java.time.Duration;

/**
 * When the campaign guard brakes a campaign at a mailbox provider, before the provider does.
 *
 * @param enabled               whether the guard judges at all (default true)
 * @param complaintLine         complaints per delivered message at a provider that brake (default 0.001 = 0.1 %,
 *                              the line Gmail's and Yahoo's 2024 sender requirements draw)
 * @param complaintMinDelivered messages delivered at the provider before the complaint rate is judged (default 1 000):
 *                              below it one complaint is too large a share to mean anything
 * @param hardBounceLine        hard bounces per attempted message at a provider that brake (default 0.05 = 5 %: a bad list)
 * @param hardBounceMinAttempted messages attempted at the provider before the hard-bounce rate is judged (default 1 000)
 * @param scope                 what is braked: the provider only (default) or the whole campaign
 * @param window                how far back the rates look (default 1 h; event time): a campaign that was
 *                              clean for a day and turns bad is judged on the last hour, not diluted by the day.
 *                              The minimum volumes apply inside the window. Judged on samples of the counts,
 *                              so the window may reach back up to one {@link RateWindow#BUCKETS}th further.
 */
public record GuardConfig(boolean enabled, double complaintLine, long complaintMinDelivered, double hardBounceLine,
                          long hardBounceMinAttempted, GuardScope scope, Duration window) {
    public static final double DEFAULT_COMPLAINT_LINE = 0.001;
    public static final long DEFAULT_COMPLAINT_MIN_DELIVERED = 1_000;
    public static final double DEFAULT_HARD_BOUNCE_LINE = 0.05;
    public static final long DEFAULT_HARD_BOUNCE_MIN_ATTEMPTED = 1_000;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    /** Below a minute the samples would be finer than a second, and a provider's rate means little anyway. */
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);

    /** What a brake stops. */
    public enum GuardScope {
        /** The campaign's mail to the provider whose rate crossed the line; the other providers go on. */
        PROVIDER,
        /** The whole campaign (its state becomes PAUSED). */
        CAMPAIGN
    }

    public GuardConfig {
        requireShare("guard.complaint-line", complaintLine);
        requireShare("guard.hard-bounce-line", hardBounceLine);
        if (complaintMinDelivered < 1) {
            throw BounceConfigException.invalid("guard.complaint-min-delivered",
                    "must be at least 1 delivered message, was " + complaintMinDelivered);
        }
        if (hardBounceMinAttempted < 1) {
            throw BounceConfigException.invalid("guard.hard-bounce-min-attempted",
                    "must be at least 1 attempted message, was " + hardBounceMinAttempted);
        }
        if (scope == null) {
            throw BounceConfigException.invalid("guard.scope", "is required: provider or campaign");
        }
        if (window == null || window.compareTo(MIN_WINDOW) < 0) {
            throw BounceConfigException.invalid("guard.window", "must be at least " + MIN_WINDOW + ", was " + window);
        }
    }

    /** These lines over the default window ({@link #DEFAULT_WINDOW}). */
    public GuardConfig(boolean enabled, double complaintLine, long complaintMinDelivered, double hardBounceLine,
                       long hardBounceMinAttempted, GuardScope scope) {
        this(enabled, complaintLine, complaintMinDelivered, hardBounceLine, hardBounceMinAttempted, scope, DEFAULT_WINDOW);
    }

    /** These lines over another window. */
    public GuardConfig withWindow(Duration w) {
        return new GuardConfig(enabled, complaintLine, complaintMinDelivered, hardBounceLine, hardBounceMinAttempted, scope, w);
    }

    public static GuardConfig defaults() {
        return new GuardConfig(true, DEFAULT_COMPLAINT_LINE, DEFAULT_COMPLAINT_MIN_DELIVERED, DEFAULT_HARD_BOUNCE_LINE,
                DEFAULT_HARD_BOUNCE_MIN_ATTEMPTED, GuardScope.PROVIDER);
    }

    /** The guard switched off: no campaign is ever braked. */
    public static GuardConfig off() {
        return new GuardConfig(false, DEFAULT_COMPLAINT_LINE, DEFAULT_COMPLAINT_MIN_DELIVERED, DEFAULT_HARD_BOUNCE_LINE,
                DEFAULT_HARD_BOUNCE_MIN_ATTEMPTED, GuardScope.PROVIDER);
    }

    private static void requireShare(String key, double share) {
        if (!(share > 0 && share <= 1)) {
            throw BounceConfigException.invalid(key, "must be a share above 0 and at most 1 (0.001 = 0.1 %), was " + share);
        }
    }
}
