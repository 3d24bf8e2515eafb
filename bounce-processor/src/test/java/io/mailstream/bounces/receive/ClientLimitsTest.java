package io.mailstream.bounces.receive;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static io.mailstream.bounces.support.TestReturnPaths.verp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.SmtpDialog;
import io.mailstream.bounces.metrics.BounceMetrics;
import io.mailstream.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-client-IP limits of the bounce receiver, driven by real SMTP clients over loopback. */
class ClientLimitsTest {
    private final List<RawBounce> stored = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private BounceReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aClientOverItsConcurrentSessionsShouldBeGreetedWith421WhileOtherClientsAreServed() throws Exception {
        start(new ClientLimits(2, 100, Duration.ofMinutes(1)));
        try (SmtpDialog first = new SmtpDialog("127.0.0.1", receiver.port());
             SmtpDialog second = new SmtpDialog("127.0.0.1", receiver.port())) {
            assertThat(greeting("127.0.0.1")).startsWith("421 4.7.0").contains("too many connections from 127.0.0.1");
            assertThat(greeting("127.0.0.2")).as("another client IP is not held back").startsWith("220");
            assertThat(second.send("", verp("m1"), SampleBounces.autoReply("a@example.org"))).startsWith("250");
        }
        // sessions that ended free their places
        await().atMost(Duration.ofSeconds(10)).until(() -> greeting("127.0.0.1").startsWith("220"));
        assertThat(limited("connections")).isEqualTo(1.0);
        assertThat(limited("messages")).isZero();
        assertThat(stored).hasSize(1);
    }

    @Test
    void aClientOverItsMessagesPerWindowShouldGet451AtMailFromUntilTheWindowEnds() throws Exception {
        start(new ClientLimits(10, 3, Duration.ofMinutes(1)));
        Session mail = Session.getInstance(smtp(receiver.port()));
        for (int i = 1; i <= 3; i++) {
            Transport.send(bounce(mail, "m" + i));
        }
        assertThatThrownBy(() -> Transport.send(bounce(mail, "m4")))
                .isInstanceOfSatisfying(jakarta.mail.MessagingException.class, e -> {
                    SMTPSendFailedException refusal = find(e);
                    assertThat(refusal.getReturnCode()).isEqualTo(451);
                    assertThat(refusal.getMessage()).contains("4.7.0 too many messages from 127.0.0.1");
                });
        assertThat(stored).as("the deferred message was not stored").hasSize(3);

        clock.advance(Duration.ofMinutes(1));
        Transport.send(bounce(mail, "m4")); // the MTA's retry, in the next window

        assertThat(stored).extracting(b -> b.getEnvelopeTo().getFirst())
                .containsExactly(verp("m1"), verp("m2"), verp("m3"), verp("m4"));
        assertThat(limited("messages")).isEqualTo(1.0);
        assertThat(limited("connections")).isZero();
    }

    private void start(ClientLimits limits) {
        ReceiverConfig config = ReceiverConfig.of(RETURN_PATHS, 0).withClientLimits(limits);
        receiver = BounceReceiver.start(config, (key, bounce) -> stored.add(bounce), clock, new BounceMetrics(meters));
    }

    private double limited(String limit) {
        return meters.find(BounceMetrics.CLIENTS_LIMITED).tag("limit", limit).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** The greeting a new connection from {@code localIp} gets (RFC 5321 §4.2: 220 or 421). */
    private String greeting(String localIp) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localIp, 0));
            s.connect(new InetSocketAddress("127.0.0.1", receiver.port()), 5_000);
            s.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            if (line != null && line.startsWith("220")) {
                s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            return String.valueOf(line);
        }
    }

    private static Properties smtp(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.from", "");
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        return p;
    }

    private static MimeMessage bounce(Session session, String messageId) throws Exception {
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(
                SampleBounces.dsn("x@example.org", messageId, "5.1.1", "550 5.1.1 user unknown")));
        m.setRecipients(Message.RecipientType.TO, new InternetAddress[] {new InternetAddress(verp(messageId))});
        return m;
    }

    private static SMTPSendFailedException find(Throwable e) {
        for (Throwable t = e; t != null; t = t instanceof jakarta.mail.MessagingException me ? me.getNextException() : t.getCause()) {
            if (t instanceof SMTPSendFailedException s) {
                return s;
            }
        }
        throw new AssertionError("no SMTP refusal in " + e);
    }
}
