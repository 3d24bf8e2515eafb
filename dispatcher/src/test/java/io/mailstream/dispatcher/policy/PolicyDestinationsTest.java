package io.mailstream.dispatcher.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.pool.PoolKey;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.schemas.address.Domain;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyDestinationsTest {
    private static final BreakerSettings MICROSOFT_BREAKER = new BreakerSettings(25f, 8, 4, Duration.ofMinutes(2), 1);
    private static final CircuitBreakerSettings CIRCUIT_DEFAULTS = CircuitBreakerSettings.defaults();

    private static TrafficPolicy policy(String name, PolicyMatcher matcher, int connections) {
        return new TrafficPolicy(name, matcher, OptionalInt.empty(), OptionalInt.empty(), connections, 100,
                name.equals("microsoft") ? MICROSOFT_BREAKER : BreakerSettings.DEFAULTS);
    }

    private static PoolKey host(String name) {
        return PoolKey.plain(new SmtpRoute(name, 25));
    }

    private final PolicyDestinations limits = new PolicyDestinations(List.of(
            policy("microsoft", new PolicyMatcher.MxSuffix(".mail.protection.outlook.com"), 3),
            policy("wide", new PolicyMatcher.MxSuffix(".wide.example"), 50),
            policy("gmail", new PolicyMatcher.Domains(Set.of(Domain.of("gmail.com"))), 2)), 10, CIRCUIT_DEFAULTS);

    @Test
    void anMxHostOfASuffixPolicyGetsThatPolicysConnections() {
        assertThat(limits.maxConnectionsFor(host("contoso-com.mail.protection.outlook.com"))).isEqualTo(3);
    }

    @Test
    void aPolicyNeverRaisesTheLimitAbovePoolMaxConnections() {
        assertThat(limits.maxConnectionsFor(host("mx1.wide.example"))).isEqualTo(10);
    }

    @Test
    void otherHostsGetPoolMaxConnectionsEvenIfADomainPolicyIsTighter() {
        assertThat(limits.maxConnectionsFor(host("gmail-smtp-in.l.google.com"))).isEqualTo(10);
        assertThat(limits.maxConnectionsFor(host("outlook.com.example"))).isEqualTo(10);
    }

    @Test
    void messagesPerConnectionFollowTheSuffixPolicyUpToThePoolMaximum() {
        assertThat(limits.maxMessagesPerConnectionFor(host("contoso-com.mail.protection.outlook.com"), 1000)).isEqualTo(100);
        assertThat(limits.maxMessagesPerConnectionFor(host("contoso-com.mail.protection.outlook.com"), 50)).isEqualTo(50);
        assertThat(limits.maxMessagesPerConnectionFor(host("gmail-smtp-in.l.google.com"), 1000)).isEqualTo(1000);
    }

    @Test
    void anMxHostOfASuffixPolicyGetsThatPolicysBreakerSettings() {
        assertThat(limits.settingsFor(host("contoso-com.mail.protection.outlook.com")))
                .isEqualTo(new CircuitBreakerSettings(25f, 8, 4, Duration.ofMinutes(2), 1));
    }

    @Test
    void otherHostsGetTheCircuitDefaults() {
        assertThat(limits.settingsFor(host("gmail-smtp-in.l.google.com"))).isEqualTo(CIRCUIT_DEFAULTS);
    }

    @Test
    void refusesAPoolMaximumBelowOne() {
        assertThatThrownBy(() -> new PolicyDestinations(List.of(), 0, CIRCUIT_DEFAULTS)).hasMessageContaining("pool.max-connections");
    }
}
