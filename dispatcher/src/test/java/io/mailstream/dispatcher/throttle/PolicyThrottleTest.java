package io.mailstream.dispatcher.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.policy.BreakerSettings;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.schemas.address.Domain;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyThrottleTest {
    @Test
    void eachPolicyShouldReportItsCapItsSlowestDestinationAndAnySuspension() {
        TrafficPolicy yahoo = new TrafficPolicy("yahoo", new PolicyMatcher.Domains(Set.of(Domain.of("yahoo.com"), Domain.of("aol.com"))),
                OptionalInt.of(100), OptionalInt.empty(), 4, 100, BreakerSettings.DEFAULTS);
        List<ThrottleState> states = List.of(
                new ThrottleState("yahoo", "yahoo.com", 0.5, OptionalDouble.of(50), Optional.of(Instant.parse("2026-11-23T10:00:30Z"))),
                new ThrottleState("yahoo", "aol.com", 0.8, OptionalDouble.of(80), Optional.empty()),
                new ThrottleState("default", "x.example", 0.5, OptionalDouble.empty(), Optional.empty()));

        Map<String, PolicyThrottle> byPolicy = PolicyThrottle.byPolicy(List.of(yahoo, TrafficPolicy.defaults()), states);

        assertThat(byPolicy.get("yahoo")).isEqualTo(new PolicyThrottle(100, 50, true));
        assertThat(byPolicy.get("default").capPerSecond()).isNaN();
        assertThat(byPolicy.get("default").suspended()).isFalse();
        assertThat(byPolicy).containsOnlyKeys("yahoo", "default");
    }
}
