package io.mailstream.bounces.guard;

import io.mailstream.bounces.stats.ProviderCounts;
import java.util.Optional;

/**
 * Judges one provider's counts against the lines of a {@link GuardConfig}. A rate is judged only
 * once its base has reached the configured minimum, and it breaches when it reaches the line
 * ({@code >=}: the providers' lines are maxima). Complaints are judged first: they cost a sender's
 * reputation more than bounces do.
 */
public final class GuardRules {
    private final GuardConfig config;

    public GuardRules(GuardConfig config) {
        this.config = config;
    }

    /** The first rate of {@code counts} that reached its line, if any (always empty when the guard is off). */
    public Optional<Breach> judge(ProviderCounts counts) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        long delivered = counts.delivered();
        if (delivered >= config.complaintMinDelivered() && reached(counts.complaints(), delivered, config.complaintLine())) {
            return Optional.of(new Breach(GuardRule.COMPLAINT_RATE, (double) counts.complaints() / delivered,
                    config.complaintLine(), counts.complaints(), delivered));
        }
        long attempted = counts.attempted();
        if (attempted >= config.hardBounceMinAttempted() && reached(counts.bounced(), attempted, config.hardBounceLine())) {
            return Optional.of(new Breach(GuardRule.HARD_BOUNCE_RATE, (double) counts.bounced() / attempted,
                    config.hardBounceLine(), counts.bounced(), attempted));
        }
        return Optional.empty();
    }

    /** {@code count / base >= line}, without the rounding of a division: 1 of 1 000 reaches 0.001. */
    private static boolean reached(long count, long base, double line) {
        return count > 0 && count >= line * base - 1e-9 * base;
    }
}
