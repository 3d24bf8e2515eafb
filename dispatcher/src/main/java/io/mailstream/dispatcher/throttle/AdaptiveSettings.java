package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * Additive-increase / multiplicative-decrease of a destination's rate (DESIGN: "421/4.7.x slow
 * down answers shrink that domain's rate").
 *
 * @param decreaseFactor the rate is multiplied by this on a slow-down reply ({@code aimd.decrease-factor}, default 0.5)
 * @param coolOff        the destination is not sent to for this long after a slow-down reply ({@code aimd.cool-off}, default 30s)
 * @param increaseEvery  after this many successes in a row the rate grows by one step ({@code aimd.increase-every}, default 50)
 * @param increaseStep   one step, as a fraction of the policy's cap ({@code aimd.increase-step}, default 0.1)
 * @param minimumFactor  the rate never drops below this fraction of the cap ({@code aimd.minimum-factor}, default 0.05)
 */
public record AdaptiveSettings(double decreaseFactor, Duration coolOff, int increaseEvery, double increaseStep,
                               double minimumFactor) {
    public static final AdaptiveSettings DEFAULTS = new AdaptiveSettings(0.5, Duration.ofSeconds(30), 50, 0.1, 0.05);

    public AdaptiveSettings {
        if (!(decreaseFactor > 0 && decreaseFactor < 1)) {
            throw new InvalidConfigException("aimd.decrease-factor", "must be in (0,1), was " + decreaseFactor);
        }
        if (coolOff == null || coolOff.isNegative()) {
            throw new InvalidConfigException("aimd.cool-off", "must be a duration of zero or more, was " + coolOff);
        }
        if (increaseEvery < 1) {
            throw new InvalidConfigException("aimd.increase-every", "must be at least 1, was " + increaseEvery);
        }
        if (!(increaseStep > 0 && increaseStep <= 1)) {
            throw new InvalidConfigException("aimd.increase-step", "must be in (0,1], was " + increaseStep);
        }
        if (!(minimumFactor > 0 && minimumFactor <= 1)) {
            throw new InvalidConfigException("aimd.minimum-factor", "must be in (0,1], was " + minimumFactor);
        }
    }
}
