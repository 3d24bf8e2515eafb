package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.policy.TrafficPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One traffic policy's throttle summed up over its destinations, for metrics with one label per
 * policy (bounded cardinality): its cap, the rate of its most slowed-down destination, and whether
 * any of its destinations is suspended now.
 *
 * @param capPerSecond  the policy's {@code max-per-second}; NaN when it sets none
 * @param ratePerSecond the lowest rate in force among its destinations (the cap when none is slowed); NaN without a cap
 * @param suspended     whether a destination of the policy is in a cool-off
 */
public record PolicyThrottle(double capPerSecond, double ratePerSecond, boolean suspended) {

    /** Every policy (named ones, then the default) with the state of its slowed or suspended destinations. */
    public static Map<String, PolicyThrottle> byPolicy(List<TrafficPolicy> policies, List<ThrottleState> states) {
        Map<String, PolicyThrottle> out = new LinkedHashMap<>();
        for (TrafficPolicy p : policies) {
            double cap = p.maxPerSecond().isPresent() ? p.maxPerSecond().getAsInt() : Double.NaN;
            double rate = cap;
            boolean suspended = false;
            for (ThrottleState s : states) {
                if (s.policy().equals(p.name())) {
                    if (s.ratePerSecond().isPresent()) {
                        rate = Math.min(rate, s.ratePerSecond().getAsDouble());
                    }
                    suspended |= s.suspendedUntil().isPresent();
                }
            }
            out.put(p.name(), new PolicyThrottle(cap, rate, suspended));
        }
        return out;
    }

    /** As {@link #byPolicy(List, List)}, from a live {@link ThrottleStates}. */
    public static Map<String, PolicyThrottle> byPolicy(List<TrafficPolicy> policies, ThrottleStates states) {
        return byPolicy(policies, states.snapshot());
    }
}
