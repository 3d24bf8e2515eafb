package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.config.DeliveryConfig;
import io.mailstream.dispatcher.mtasts.MtaStsSettings;
import io.mailstream.dispatcher.outcome.DeliveryEvents;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.routing.Destination;
import io.mailstream.dispatcher.routing.DnsSettings;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.dispatcher.support.StsPolicyServer;
import io.mailstream.dispatcher.support.TestCertificates;
import io.mailstream.dispatcher.support.TlsSmtpServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MTA-STS (RFC 8461) in DIRECT_MX delivery as {@link DeliveryTransports} composes it: the
 * {@code _mta-sts} TXT record and the MX and policy host addresses come from a local DNS server,
 * the policy from a local HTTPS server whose certificate a test CA signed, the mail goes to real
 * STARTTLS SMTP servers. The trusted CA is configured through {@code mta-sts.trusted-ca}, the
 * policy port through {@code mta-sts.policy-port}.
 */
class MtaStsIT {
    private static final String DOMAIN = "sts.test";
    private static TestCertificates good;
    private static TestCertificates wrong;
    private static Path caPem;

    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"),
            VerpKeys.generate("t")), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private final LocalDnsServer dns = new LocalDnsServer();
    private StsPolicyServer policyServer;
    private TlsSmtpServer smtp;
    private MailTransport transport;

    @BeforeAll
    static void certificates(@TempDir Path dir) throws Exception {
        good = TestCertificates.forServers("mta-sts." + DOMAIN, "mx." + DOMAIN);
        // Names the right MX, but from a CA nobody trusts: what an attacker in the path would present.
        wrong = TestCertificates.forServer("mx." + DOMAIN);
        caPem = good.writeCaPem(dir);
    }

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (policyServer != null) {
            policyServer.close();
        }
        dns.close();
    }

    private MailTransport direct(String policy, TestCertificates mxCertificate, Map<Domain, Destination> overrides)
            throws Exception {
        policyServer = new StsPolicyServer(good.serverContext(), policy);
        smtp = TlsSmtpServer.starttls(mxCertificate.serverContext());
        dns.mx(DOMAIN, 10, "mx." + DOMAIN, 300).a("mx." + DOMAIN, "127.0.0.1", 300)
                .txt("_mta-sts." + DOMAIN, "v=STSv1; id=20260101T000000;", 300)
                .a("mta-sts." + DOMAIN, "127.0.0.1", 300);
        RouteConfig routes = RouteConfig.directMx(DnsSettings.resolver(dns.address())).withDirectPort(smtp.port())
                .withAllowPrivateAddresses(true).withOverrides(overrides)
                .withMtaSts(MtaStsSettings.defaults().withPolicyPort(policyServer.port()).withTrustedCa(caPem));
        SmtpSettings settings = new SmtpSettings(new SmtpRoute("unused.invalid", 25), "dispatcher.test",
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        transport = DeliveryTransports.create(new DeliveryConfig(routes, List.of()), settings, PoolSettings.defaults(),
                Clock.systemUTC()).transport();
        return transport;
    }

    private RenderedMessage message() {
        return ((RenderResult.Rendered) renderer.render(mail(), Optional.empty())).message();
    }

    private static MailMessage mail() {
        return Fixtures.transactional("ann@" + DOMAIN, "Receipt", "Thanks").build();
    }

    private static DeliveryEvent event(DeliveryOutcome outcome) {
        return DeliveryEvents.of(mail(), outcome, Instant.now(), "d1");
    }

    @Test
    void enforceShouldDeliverOverTlsWhenTheMxCertificateIsValidForTheMxName() throws Exception {
        DeliveryOutcome outcome = direct(StsPolicyServer.policy("enforce", "mx." + DOMAIN), good, Map.of()).send(message());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(smtp.received()).hasSize(1);
        assertThat(event(outcome).getTlsPolicy()).isEqualTo("MTA-STS enforce (id 20260101T000000)");
        assertThat(policyServer.fetches()).isEqualTo(1);
    }

    @Test
    void enforceShouldDeferAndSendNothingWhenTheMxCertificateIsNotTrusted() throws Exception {
        DeliveryOutcome outcome = direct(StsPolicyServer.policy("enforce", "mx." + DOMAIN), wrong, Map.of()).send(message());

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d ->
                assertThat(d.reason()).startsWith("MTA-STS enforce (id 20260101T000000) requires TLS")
                        .contains("STARTTLS handshake", "PKIX path validation failed"));
        assertThat(smtp.received()).isEmpty();
        assertThat(event(outcome).getTlsPolicy()).isEqualTo("MTA-STS enforce (id 20260101T000000)");
        assertThat(event(outcome).getOutcome()).hasToString("DEFERRED");
    }

    @Test
    void enforceShouldDeferWithoutConnectingWhenThePolicyNamesNoneOfTheMxHosts() throws Exception {
        DeliveryOutcome outcome = direct(StsPolicyServer.policy("enforce", "*.elsewhere.test"), good, Map.of()).send(message());

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d ->
                assertThat(d.reason()).contains("MTA-STS enforce", "names none of its MX hosts", "mx." + DOMAIN));
        assertThat(smtp.received()).isEmpty();
    }

    @Test
    void testingModeShouldDeliverDespiteAnUntrustedCertificateAndReportThePolicy() throws Exception {
        DeliveryOutcome outcome = direct(StsPolicyServer.policy("testing", "*.other.test"), wrong, Map.of()).send(message());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(smtp.received()).hasSize(1);
        assertThat(event(outcome).getTlsPolicy())
                .isEqualTo("MTA-STS testing (id 20260101T000000): enforcing would refuse MX mx." + DOMAIN
                        + " (not in the policy's mx)");
    }

    @Test
    void aRouteOverrideShouldWinOverAnEnforcedPolicy() throws Exception {
        // The override must be built before the server's port is known; the same server answers, by the override's route.
        try (TlsSmtpServer overrideTarget = TlsSmtpServer.starttls(wrong.serverContext())) {
            Destination override = Destination.of("127.0.0.1", overrideTarget.port(), TlsSettings.OPPORTUNISTIC);

            DeliveryOutcome outcome = direct(StsPolicyServer.policy("enforce", "mx." + DOMAIN), wrong,
                    Map.of(Domain.of(DOMAIN), override)).send(message());

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(overrideTarget.received()).hasSize(1);
            assertThat(event(outcome).getTlsPolicy()).isEqualTo("route override tls=OPPORTUNISTIC");
        }
    }
}
