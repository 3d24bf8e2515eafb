package io.mailstream.dispatcher.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.routing.Destination;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpCredentials;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
import io.mailstream.dispatcher.support.TestCertificates;
import io.mailstream.dispatcher.support.TlsSmtpServer;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS policies and AUTH against real SMTP servers on loopback, with a test CA made per run. */
class TlsDeliveryTest {
    private static TestCertificates certs;
    private static Path caPem;

    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private AutoCloseable server;
    private SmtpConnection connection;

    @BeforeAll
    static void makeCertificates(@TempDir Path dir) throws Exception {
        certs = TestCertificates.forServer("mail.test");
        caPem = certs.writeCaPem(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private DeliveryOutcome send(Destination d) {
        connection = new SmtpConnection(new SmtpSettings(d.route(), "dispatcher.test", Duration.ofSeconds(5),
                Duration.ofSeconds(5)), d.security());
        MailMessage m = Fixtures.transactional("ann@example.com", "Receipt", "Thanks").build();
        RenderedMessage rendered = ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
        return connection.send(rendered);
    }

    private static Destination at(String name, int port, TlsSettings tls, Optional<SmtpCredentials> auth) {
        return new Destination(name, Optional.of(InetAddress.getLoopbackAddress()), port, tls, auth);
    }

    @Test
    void requiredTlsShouldDeferAndNotSendInClearWhenTheServerOffersNoStarttls() {
        ScriptedSmtpServer plain = new ScriptedSmtpServer();
        server = plain;

        DeliveryOutcome outcome = send(at("mail.test", plain.port(), TlsSettings.requiredTrusting(caPem), Optional.empty()));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> {
            assertThat(d.smtpReply()).isEmpty();
            assertThat(d.reason()).containsIgnoringCase("STARTTLS");
        });
        assertThat(plain.received()).isEmpty();
    }

    @Test
    void opportunisticTlsShouldFallBackToPlainTextWhenTheServerOffersNoStarttls() {
        ScriptedSmtpServer plain = new ScriptedSmtpServer();
        server = plain;

        DeliveryOutcome outcome = send(at("mail.test", plain.port(), TlsSettings.OPPORTUNISTIC, Optional.empty()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(plain.received()).hasSize(1);
    }

    @Test
    void opportunisticTlsShouldUseStarttlsEvenWhenTheCertificateCannotBeVerified() {
        TlsSmtpServer tls = TlsSmtpServer.starttls(certs.serverContext());
        server = tls;

        DeliveryOutcome outcome = send(at("some-mx.example", tls.port(), TlsSettings.OPPORTUNISTIC, Optional.empty()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(tls.received()).hasSize(1);
    }

    @Test
    void requiredTlsShouldDeliverOverStarttlsWhenTheCertificateVerifiesAgainstTheTrustedCa() {
        TlsSmtpServer tls = TlsSmtpServer.starttls(certs.serverContext());
        server = tls;

        DeliveryOutcome outcome = send(at("mail.test", tls.port(), TlsSettings.requiredTrusting(caPem), Optional.empty()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(tls.received()).hasSize(1);
    }

    @Test
    void requiredTlsShouldDeferWhenTheCertificateNamesAnotherHost() {
        TlsSmtpServer tls = TlsSmtpServer.starttls(certs.serverContext());
        server = tls;

        DeliveryOutcome outcome = send(at("other.test", tls.port(), TlsSettings.requiredTrusting(caPem), Optional.empty()));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> assertThat(d.smtpReply()).isEmpty());
        assertThat(tls.received()).isEmpty();
    }

    @Test
    void requiredTlsShouldDeferWhenTheCertificateIsNotFromATrustedCa() {
        TlsSmtpServer tls = TlsSmtpServer.starttls(certs.serverContext());
        server = tls;

        DeliveryOutcome outcome = send(at("mail.test", tls.port(), TlsSettings.REQUIRED, Optional.empty()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Deferred.class);
        assertThat(tls.received()).isEmpty();
    }

    @Test
    void relayShouldAuthenticateAfterStarttls() {
        TlsSmtpServer relay = TlsSmtpServer.starttlsWithAuth(certs.serverContext(), "mailer", "s3cret");
        server = relay;

        DeliveryOutcome outcome = send(at("mail.test", relay.port(), TlsSettings.requiredTrusting(caPem),
                Optional.of(new SmtpCredentials("mailer", "s3cret"))));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(relay.received()).singleElement().satisfies(r -> assertThat(r.authenticated()).isTrue());
    }

    @Test
    void relayShouldDeferWhenTheCredentialsAreRefused() {
        TlsSmtpServer relay = TlsSmtpServer.starttlsWithAuth(certs.serverContext(), "mailer", "s3cret");
        server = relay;

        DeliveryOutcome outcome = send(at("mail.test", relay.port(), TlsSettings.requiredTrusting(caPem),
                Optional.of(new SmtpCredentials("mailer", "wrong"))));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Deferred.class);
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void implicitTlsShouldDeliverOnASubmissionsPort() {
        TlsSmtpServer smtps = TlsSmtpServer.implicit(certs.serverContext());
        server = smtps;

        DeliveryOutcome outcome = send(at("mail.test", smtps.port(),
                new TlsSettings(TlsPolicy.REQUIRED, true, Optional.of(caPem)), Optional.empty()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(smtps.received()).hasSize(1);
    }
}
