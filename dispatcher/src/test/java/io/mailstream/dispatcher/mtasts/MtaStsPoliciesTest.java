package io.mailstream.dispatcher.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.testkit.MutableClock;
import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.dispatcher.support.StsPolicyServer;
import io.mailstream.dispatcher.support.TestCertificates;
import io.mailstream.schemas.address.Domain;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 8461 §5.1 caching against a local DNS server and HTTPS policy server, with a clock the test moves. */
class MtaStsPoliciesTest {
    private static final Domain DOMAIN = Domain.of("cache.test");
    private static TestCertificates certs;
    private static Path caPem;

    private final LocalDnsServer dns = new LocalDnsServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private StsPolicyServer server;
    private MtaStsPolicies policies;

    @BeforeAll
    static void certificates(@TempDir Path dir) throws Exception {
        certs = TestCertificates.forServer("mta-sts.cache.test");
        caPem = certs.writeCaPem(dir);
    }

    @BeforeEach
    void start() throws Exception {
        server = new StsPolicyServer(certs.serverContext(), StsPolicyServer.policy("enforce", "mx.cache.test"));
        dns.txt("_mta-sts.cache.test", "v=STSv1; id=1;", 300);
        String[] resolver = dns.address().split(":");
        policies = new MtaStsPolicies(MtaStsSettings.defaults().withPolicyPort(server.port()).withTrustedCa(caPem),
                Optional.of(new InetSocketAddress(resolver[0], Integer.parseInt(resolver[1]))), Duration.ofSeconds(2),
                host -> List.of(InetAddress.getLoopbackAddress()), clock);
    }

    @AfterEach
    void stop() {
        server.close();
        dns.close();
    }

    @Test
    void aPolicyShouldBeFetchedOnceAndReusedWhileItsIdStaysTheSame() {
        assertThat(policies.policyFor(DOMAIN)).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo("1"));
        clock.advance(Duration.ofMinutes(10)); // past mta-sts.recheck: the TXT record is asked again, the id is unchanged

        assertThat(policies.policyFor(DOMAIN)).isPresent();
        assertThat(server.fetches()).isEqualTo(1);
        assertThat(dns.queries("_mta-sts.cache.test", org.xbill.DNS.Type.TXT)).isEqualTo(2);
    }

    @Test
    void aNewIdShouldFetchThePolicyAgain() {
        policies.policyFor(DOMAIN);
        dns.clear("_mta-sts.cache.test").txt("_mta-sts.cache.test", "v=STSv1; id=2;", 300);
        clock.advance(Duration.ofMinutes(10));

        assertThat(policies.policyFor(DOMAIN)).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo("2"));
        assertThat(server.fetches()).isEqualTo(2);
    }

    @Test
    void aCachedPolicyShouldOutliveItsTxtRecordAndPolicyHostUntilMaxAge() {
        policies.policyFor(DOMAIN);
        // What a downgrade attacker would do: hide the record and the policy host.
        dns.clear("_mta-sts.cache.test");
        server.close();
        clock.advance(Duration.ofHours(23));

        assertThat(policies.policyFor(DOMAIN)).as("within max_age (1 day)").isPresent();
        clock.advance(Duration.ofHours(2));
        assertThat(policies.policyFor(DOMAIN)).as("past max_age").isEmpty();
    }

    @Test
    void aDomainWithoutRecordShouldHaveNoPolicyAndCostNoFetch() {
        assertThat(policies.policyFor(Domain.of("plain.test"))).isEmpty();
        assertThat(server.fetches()).isZero();
    }

    @Test
    void modeNoneShouldWithdrawThePolicy() throws Exception {
        server.close();
        server = new StsPolicyServer(certs.serverContext(), "version: STSv1\nmode: none\nmax_age: 86400\n");
        String[] resolver = dns.address().split(":");
        MtaStsPolicies none = new MtaStsPolicies(MtaStsSettings.defaults().withPolicyPort(server.port()).withTrustedCa(caPem),
                Optional.of(new InetSocketAddress(resolver[0], Integer.parseInt(resolver[1]))), Duration.ofSeconds(2),
                host -> List.of(InetAddress.getLoopbackAddress()), clock);

        assertThat(none.policyFor(DOMAIN)).isEmpty();
        assertThat(server.fetches()).isEqualTo(1);
    }
}
