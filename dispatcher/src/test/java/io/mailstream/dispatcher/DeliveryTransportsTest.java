package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.support.PemFiles;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.TestCertificates;
import io.mailstream.dispatcher.support.TlsSmtpServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport a configured dispatcher would use, end to end: DKIM, STARTTLS with a private CA, AUTH. */
class DeliveryTransportsTest {

    @Test
    void smartHostWithStarttlsAuthAndDkimShouldDeliverASignedMessage(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.forServer("localhost");
        Path ca = certs.writeCaPem(dir);
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        Path key = PemFiles.writePrivateKey(dir.resolve("dkim.pem"), kpg.generateKeyPair().getPrivate());
        try (TlsSmtpServer relay = TlsSmtpServer.starttlsWithAuth(certs.serverContext(), "mailer", "s3cret")) {
            DispatcherConfig config = DispatcherConfig.builder().bootstrapServers("localhost:9092")
                    .schemaRegistryUrl("http://localhost:8081").bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                    .smtpHost("localhost").smtpPort(relay.port())
                    .smtpTls(TlsSettings.requiredTrusting(ca)).smtpAuth("mailer", "s3cret")
                    .dkimKey("acme.example", "s2026", key)
                    .build();
            MessageRenderer renderer = new MessageRenderer(config.returnPaths(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
            MailMessage m = Fixtures.transactional("ann@example.com", "Receipt", "Thanks").build();
            RenderedMessage message = ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();

            try (MailTransport transport = DeliveryTransports.create(config.delivery(), config.smtp(), Clock.systemUTC())) {
                assertThat(transport.send(message)).isInstanceOf(DeliveryOutcome.Delivered.class);
            }

            assertThat(relay.received()).singleElement().satisfies(r -> {
                assertThat(r.authenticated()).isTrue();
                assertThat(r.data()).contains("DKIM-Signature:").contains("d=acme.example;");
            });
        }
    }
}
