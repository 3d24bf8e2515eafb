package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.config.DeliveryConfig;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.routing.DnsSettings;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.HostileSmtpServer;
import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DIRECT_MX delivery, as {@link DeliveryTransports} composes it for a dispatcher, to receivers
 * that misbehave on purpose: real sockets on 127.0.0.1, MX records from a local DNS server. Each
 * case must end in a deferral with a reason an operator can read, quickly, and without holding
 * the worker or the heap hostage.
 */
class HostileReceiverIT {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(4);

    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"),
            VerpKeys.generate("t")), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private final LocalDnsServer dns = new LocalDnsServer();
    private MailTransport transport;

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        dns.close();
    }

    private MailTransport direct(int port, TlsSettings tls, boolean allowPrivate) {
        dns.mx("hostile.test", 10, "mx.hostile.test", 300).a("mx.hostile.test", "127.0.0.1", 300);
        RouteConfig routes = RouteConfig.directMx(DnsSettings.resolver(dns.address())).withDirectPort(port)
                .withDirectTls(tls).withAllowPrivateAddresses(allowPrivate);
        SmtpSettings smtp = new SmtpSettings(new SmtpRoute("unused.invalid", 25), "dispatcher.test",
                Duration.ofSeconds(2), READ_TIMEOUT, TRANSACTION_TIMEOUT);
        transport = DeliveryTransports.create(new DeliveryConfig(routes, List.of()), smtp, PoolSettings.defaults(),
                Clock.systemUTC()).transport();
        return transport;
    }

    private RenderedMessage message() {
        MailMessage m = Fixtures.transactional("ann@hostile.test", "Receipt", "Thanks").build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    @Test
    void anEndlessMultiLineReplyShouldDeferAtTheLineCapInsteadOfFillingTheHeap() throws Exception {
        try (HostileSmtpServer server = HostileSmtpServer.endlessEhlo()) {
            long start = System.nanoTime();

            DeliveryOutcome outcome = direct(server.port(), TlsSettings.NONE, true).send(message());

            assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d ->
                    assertThat(d.reason()).contains("line count"));
            // Cut off by the cap, long before any timeout: the reply was never buffered whole.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(READ_TIMEOUT);
        }
    }

    @Test
    void aReceiverDrippingItsReplyShouldBeCutOffAtTheTransactionDeadline() throws Exception {
        // One byte every 200 ms never lets a 2 s read time out; the 10 kB reply would take over half an hour.
        try (HostileSmtpServer server = HostileSmtpServer.dripFeed(Duration.ofMillis(200))) {
            long start = System.nanoTime();

            DeliveryOutcome outcome = direct(server.port(), TlsSettings.NONE, true).send(message());

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d ->
                    assertThat(d.reason()).contains("smtp.transaction-timeout"));
            assertThat(took).isGreaterThanOrEqualTo(TRANSACTION_TIMEOUT).isLessThan(TRANSACTION_TIMEOUT.plusSeconds(5));
            assertThat(server.bytesSent()).as("bytes dripped before the cut").isLessThan(10_000);
        }
    }

    @Test
    void aReceiverDrippingItsGreetingShouldBeCutOffAtTheSetUpDeadline() throws Exception {
        try (HostileSmtpServer server = HostileSmtpServer.dripGreeting(Duration.ofMillis(200))) {
            long start = System.nanoTime();

            DeliveryOutcome outcome = direct(server.port(), TlsSettings.NONE, true).send(message());

            assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d ->
                    assertThat(d.reason()).contains("smtp.transaction-timeout"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TRANSACTION_TIMEOUT.plusSeconds(5));
        }
    }

    @Test
    void anMxOnAPrivateAddressShouldBeRefusedWithoutConnecting() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            DeliveryOutcome outcome = direct(server.port(), TlsSettings.NONE, false).send(message());

            assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d ->
                    assertThat(d.reason()).contains("127.0.0.1", "loopback", "direct.allow-private-addresses"));
            assertThat(server.sessions()).isZero();
        }
    }

    @Test
    void anMxOnAPrivateAddressShouldGetMailWhenAllowed() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            DeliveryOutcome outcome = direct(server.port(), TlsSettings.NONE, true).send(message());

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aFailedStarttlsShouldBeRetriedInPlainTextWhenTlsIsOpportunistic() throws Exception {
        try (HostileSmtpServer server = HostileSmtpServer.brokenStarttls()) {
            DeliveryOutcome outcome = direct(server.port(), TlsSettings.OPPORTUNISTIC, true).send(message());

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(server.starttlsCommands()).isEqualTo(1);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.accepted()).singleElement().satisfies(a -> assertThat(a.afterStarttls()).isFalse());
        }
    }

    @Test
    void aFailedStarttlsShouldDeferAndSendNothingInClearWhenTlsIsRequired() throws Exception {
        try (HostileSmtpServer server = HostileSmtpServer.brokenStarttls()) {
            DeliveryOutcome outcome = direct(server.port(), TlsSettings.REQUIRED, true).send(message());

            assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d ->
                    assertThat(d.reason()).contains("STARTTLS handshake"));
            assertThat(server.accepted()).isEmpty();
        }
    }
}
