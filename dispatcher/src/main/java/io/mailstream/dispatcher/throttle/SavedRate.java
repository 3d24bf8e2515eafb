package io.mailstream.dispatcher.throttle;

import java.time.Instant;

/**
 * An adaptive rate as stored for the fleet: the factor of the policy's rate, the end of the
 * suspension, and when it changed (the newer of two states wins).
 */
public record SavedRate(double factor, Instant suspendedUntil, Instant updatedAt) {
    public SavedRate {
        if (!(factor > 0 && factor <= 1.0)) {
            throw new IllegalArgumentException("adaptive factor must be in (0, 1], was " + factor);
        }
    }

    /** Whether it says nothing: full speed and no suspension at {@code now}. */
    boolean isNormalAt(Instant now) {
        return factor >= 1.0 && !now.isBefore(suspendedUntil);
    }
}
