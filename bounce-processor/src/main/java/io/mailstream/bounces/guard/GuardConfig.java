package io.mailstream.bounces.guard;

import io.mailstream.bounces.topology.BounceConfigException;

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
 */
public record GuardConfig(boolean enabled, double complaintLine, long complaintMinDelivered, double hardBounceLine,
                          long hardBounceMinAttempted, GuardScope scope) {
    public static final double DEFAULT_COMPLAINT_LINE = 0.001;
    public static final long DEFAULT_COMPLAINT_MIN_DELIVERED = 1_000;
    public static final double DEFAULT_HARD_BOUNCE_LINE = 0.05;
    public static final long DEFAULT_HARD_BOUNCE_MIN_ATTEMPTED = 1_000;

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
