package io.mailstream.dispatcher.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmtpConnectionTest {
    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private ScriptedSmtpServer scripted;
    private GreenMail greenMail;
    private SmtpConnection connection;

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.close();
        }
        if (scripted != null) {
            scripted.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static SmtpSettings settings(int port) {
        return new SmtpSettings(new SmtpRoute("127.0.0.1", port), "dispatcher.test", Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private RenderedMessage message(String to) {
        MailMessage m = Fixtures.transactional(to, "Receipt for " + to, "Thanks").build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    private SmtpConnection scriptedConnection() {
        scripted = new ScriptedSmtpServer();
        connection = new SmtpConnection(settings(scripted.port()));
        return connection;
    }

    @Test
    void sendShouldReturnDeliveredWhenARealServerAcceptsTheMessage() throws Exception {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        connection = new SmtpConnection(settings(greenMail.getSmtp().getPort()));

        DeliveryOutcome outcome = connection.send(message("ann@example.com"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Delivered.class, d -> {
            assertThat(d.smtpReply().code()).isEqualTo(250);
            assertThat(d.host()).isEqualTo("127.0.0.1");
        });
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertThat(got[0].getSubject()).isEqualTo("Receipt for ann@example.com");
    }

    @Test
    void sendShouldUseTheVerpAddressAsEnvelopeSender() {
        RenderedMessage m = message("ann@example.com");

        assertThat(scriptedConnection().send(m)).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(scripted.received()).singleElement().satisfies(r -> {
            assertThat(r.envelopeFrom()).isEqualTo(m.envelopeFrom().asString()).startsWith("bounces+" + m.messageId() + ".t-");
            assertThat(r.recipients()).containsExactly("ann@example.com");
        });
    }

    @Test
    void sendShouldBounceWithEnhancedStatusWhenServerAnswers550() {
        DeliveryOutcome outcome = scriptedConnection().send(message("unknown@example.com"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Bounced.class, b -> {
            assertThat(b.smtpReply().code()).isEqualTo(550);
            assertThat(b.smtpReply().enhancedStatus()).contains("5.1.1");
            assertThat(b.smtpReply().text()).contains("User unknown");
        });
    }

    @Test
    void sendShouldDeferWhenServerAnswers451() {
        DeliveryOutcome outcome = scriptedConnection().send(message("later@example.com"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> {
            assertThat(d.smtpReply()).map(SmtpReply::code).contains(451);
            assertThat(d.smtpReply()).flatMap(SmtpReply::enhancedStatus).contains("4.3.0");
        });
    }

    @Test
    void sendShouldDeferWithoutReplyWhenNothingListens() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        connection = new SmtpConnection(settings(deadPort));

        DeliveryOutcome outcome = connection.send(message("ann@example.com"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> {
            assertThat(d.smtpReply()).isEmpty();
            assertThat(d.reason()).contains("cannot connect to 127.0.0.1:" + deadPort);
        });
    }

    @Test
    void sendShouldDeferWhenTheServerNeverAnswersWithinTheReadTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            // accepts TCP (the backlog does) but never sends a greeting
            connection = new SmtpConnection(new SmtpSettings(new SmtpRoute("127.0.0.1", silent.getLocalPort()),
                    "dispatcher.test", Duration.ofSeconds(2), Duration.ofMillis(300)));

            DeliveryOutcome outcome = connection.send(message("ann@example.com"));

            assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> {
                assertThat(d.smtpReply()).isEmpty();
                assertThat(d.reason()).containsIgnoringCase("timed out");
            });
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30) // without a write timeout the send would block for good
    void sendShouldDeferWhenTheServerStopsReadingTheMessageWithinTheWriteTimeout() throws Exception {
        // More than loopback socket buffers hold, so the writer blocks once the server stops reading.
        String body = ("0123456789".repeat(7) + "\n").repeat(350_000);
        try (StopsReadingAtData server = new StopsReadingAtData()) {
            connection = new SmtpConnection(new SmtpSettings(new SmtpRoute("127.0.0.1", server.port()),
                    "dispatcher.test", Duration.ofSeconds(2), Duration.ofMillis(300)));
            MailMessage m = Fixtures.transactional("ann@example.com", "Big", body).build();
            RenderedMessage big = ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();

            long start = System.nanoTime();
            DeliveryOutcome outcome = connection.send(big);

            assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> {
                assertThat(d.smtpReply()).isEmpty();
                assertThat(d.reason()).contains("Write timed out");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(server.dataStarted()).isTrue();
        }
    }

    /** Answers up to DATA's 354, then reads nothing more until closed: a receiver stuck mid-message. */
    private static final class StopsReadingAtData implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicBoolean dataStarted = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread thread = new Thread(this::serve, "stops-reading-at-data");

        StopsReadingAtData() throws java.io.IOException {
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        boolean dataStarted() {
            return dataStarted.get();
        }

        private void serve() {
            try (java.net.Socket s = server.accept()) {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                var out = s.getOutputStream();
                out.write("220 stops-reading ESMTP\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    String reply = line.startsWith("EHLO") ? "250 stops-reading\r\n"
                            : line.startsWith("DATA") ? "354 go on\r\n" : "250 ok\r\n";
                    out.write(reply.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    if (line.startsWith("DATA")) {
                        dataStarted.set(true);
                        closing.await();
                        return;
                    }
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the test is over
            }
        }

        @Override
        public void close() throws java.io.IOException {
            closing.countDown();
            server.close();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void sendShouldDeferWithoutReplyWhenTheServerNeverEndsItsEhloReply() throws Exception {
        try (ServerSocket endless = new ServerSocket(0)) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = endless.accept()) {
                    var out = s.getOutputStream();
                    out.write("220 endless ESMTP\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getInputStream().read(new byte[256]); // EHLO
                    byte[] more = "250-and more\r\n".repeat(64).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    while (true) {
                        out.write(more); // until the client gives up and closes
                    }
                } catch (java.io.IOException e) {
                    // the client closed: the test is over
                }
            });
            connection = new SmtpConnection(settings(endless.getLocalPort()));

            DeliveryOutcome outcome = connection.send(message("ann@example.com"));

            assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> {
                assertThat(d.smtpReply()).isEmpty();
                assertThat(d.reason()).contains("cannot connect").contains("line count");
            });
            server.join(10_000);
            assertThat(server.isAlive()).as("the client closed the connection").isFalse();
        }
    }

    @Test
    void sendShouldReuseOneConnectionForManyMessagesAndAfterRejections() {
        SmtpConnection c = scriptedConnection();

        for (int i = 0; i < 20; i++) {
            assertThat(c.send(message("user" + i + "@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);
            if (i == 10) {
                assertThat(c.send(message("unknown@example.com"))).isInstanceOf(DeliveryOutcome.Bounced.class);
                assertThat(c.send(message("later@example.com"))).isInstanceOf(DeliveryOutcome.Deferred.class);
            }
        }

        assertThat(scripted.received()).hasSize(20);
        assertThat(scripted.sessions()).isEqualTo(1);
        assertThat(c.connectCount()).isEqualTo(1);
    }

    @Test
    void sendShouldReconnectAfterServerAnswers421() {
        SmtpConnection c = scriptedConnection();

        assertThat(c.send(message("closing@example.com"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.smtpReply()).map(SmtpReply::code).contains(421));
        assertThat(c.send(message("ann@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(c.connectCount()).isEqualTo(2);
    }
}
