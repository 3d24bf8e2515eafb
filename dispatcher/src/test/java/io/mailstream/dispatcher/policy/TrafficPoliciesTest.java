package io.mailstream.dispatcher.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.address.Domain;
import io.mailstream.testkit.MutableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrafficPoliciesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Map<Domain, List<String>> mx = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    private static TrafficPolicy policy(String name, PolicyMatcher matcher) {
        return new TrafficPolicy(name, matcher, OptionalInt.of(10), OptionalInt.empty(), 4, 100, BreakerSettings.DEFAULTS);
    }

    private TrafficPolicies policies() {
        return new TrafficPolicies(List.of(
                policy("google", new PolicyMatcher.Domains(Set.of(Domain.of("gmail.com"), Domain.of("googlemail.com")))),
                policy("microsoft", new PolicyMatcher.MxSuffix(".mail.protection.outlook.com")),
                policy("yahoo", new PolicyMatcher.Domains(Set.of(Domain.of("yahoo.com"))))),
                TrafficPolicy.defaults(), d -> {
                    lookups.incrementAndGet();
                    return mx.getOrDefault(d, List.of());
                }, clock);
    }

    @Test
    void listedDomainsShouldGetTheirPolicyWithoutAnyMxLookup() {
        TrafficPolicies p = policies();

        assertThat(p.policyFor(Domain.of("GMAIL.com")).name()).isEqualTo("google");
        assertThat(p.policyFor(Domain.of("googlemail.com")).name()).isEqualTo("google");
        assertThat(p.policyFor(Domain.of("yahoo.com")).name()).isEqualTo("yahoo");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void domainsWhoseMxEndsInTheSuffixShouldShareOnePolicy() {
        mx.put(Domain.of("contoso.example"), List.of("contoso-example.mail.protection.outlook.com."));
        mx.put(Domain.of("fabrikam.example"), List.of("backup.fabrikam.example", "FABRIKAM-EXAMPLE.mail.protection.outlook.com"));
        mx.put(Domain.of("lookalike.example"), List.of("mail.protection.outlook.com.evil.example"));
        TrafficPolicies p = policies();

        assertThat(p.policyFor(Domain.of("contoso.example")).name()).isEqualTo("microsoft");
        assertThat(p.policyFor(Domain.of("fabrikam.example")).name()).isEqualTo("microsoft");
        assertThat(p.policyFor(Domain.of("lookalike.example")).isDefault()).isTrue();
        assertThat(p.policyFor(Domain.of("nomx.example")).isDefault()).isTrue();
    }

    @Test
    void mxAnswersShouldBeRememberedForAWhile() {
        mx.put(Domain.of("contoso.example"), List.of("contoso-example.mail.protection.outlook.com"));
        TrafficPolicies p = policies();
        p.policyFor(Domain.of("contoso.example"));
        p.policyFor(Domain.of("contoso.example"));
        assertThat(lookups).hasValue(1);

        clock.advance(TrafficPolicies.MX_MEMORY);
        mx.put(Domain.of("contoso.example"), List.of("mx.contoso.example"));
        assertThat(p.policyFor(Domain.of("contoso.example")).isDefault()).isTrue();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aDomainInTwoPoliciesShouldBeRefused() {
        assertThatThrownBy(() -> new TrafficPolicies(List.of(
                policy("a", new PolicyMatcher.Domains(Set.of(Domain.of("x.example")))),
                policy("b", new PolicyMatcher.Domains(Set.of(Domain.of("x.example"))))), TrafficPolicy.defaults(), d -> List.of(), clock))
                .hasMessageContaining("x.example");
    }
}
