package io.mailstream.embedded.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpSinkTest {
    private static final Domain NOWHERE = Domain.of("nowhere.example");
    private SmtpSink sink;

    @BeforeEach
    void start() {
        sink = SmtpSink.start(SmtpSinkConfig.defaults().keepingMessages()
                .withRules(List.of(SinkRule.rejectDomain(NOWHERE, 550, "5.1.1", "user unknown"))));
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void sinkShouldCountMessagesSentOverOneConnection() throws Exception {
        Session session = session();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < 5; i++) {
                MimeMessage m = message(session, "n" + i);
                transport.sendMessage(m, new Address[] {new InternetAddress("alice@example.com"),
                    new InternetAddress(i % 2 == 0 ? "bob@example.org" : "carol@example.org")});
            }
        }

        assertThat(sink.awaitCount(5, Duration.ofSeconds(10))).isTrue();
        assertThat(sink.count()).isEqualTo(5);
        assertThat(sink.count(EmailAddress.parse("Alice@EXAMPLE.com"))).isEqualTo(5);
        assertThat(sink.count(EmailAddress.parse("bob@example.org"))).isEqualTo(3);
        assertThat(sink.count(EmailAddress.parse("carol@example.org"))).isEqualTo(2);
        assertThat(sink.received()).hasSize(5);
        assertThat(sink.received().get(0).envelopeFrom()).contains("sender@mailstream.test");
        assertThat(sink.received().get(0).content()).contains("Subject: n0");
    }

    @Test
    void rejectedDomainShouldGet550AtRcpt() throws Exception {
        Session session = session();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            MimeMessage m = message(session, "to nowhere");
            assertThatThrownBy(() -> transport.sendMessage(m, new Address[] {new InternetAddress("bob@nowhere.example")}))
                    .isInstanceOfSatisfying(SendFailedException.class, e -> {
                        assertThat(e.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class, a -> {
                            assertThat(a.getReturnCode()).isEqualTo(550);
                            assertThat(a.getCommand()).startsWith("RCPT TO:");
                        });
                    });
        }
        assertThat(sink.count()).isZero();
    }

    @Test
    void everyTransactionShouldBeToldWithItsEhloNameTimesRecipientsAndWhetherItWasAccepted() throws Exception {
        java.util.concurrent.BlockingQueue<SinkTransaction> told = new java.util.concurrent.LinkedBlockingQueue<>();
        java.time.Instant before = java.time.Instant.now();
        try (SmtpSink logged = SmtpSink.start(SmtpSinkConfig.defaults(), told::add);
                Socket s = new Socket(logged.host(), logged.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            assertThat(command(out, in, "HELO dispatcher-7.test")).startsWith("250");
            assertThat(command(out, in, "MAIL FROM:<a@example.com>")).startsWith("250");
            assertThat(command(out, in, "RCPT TO:<bob@example.com>")).startsWith("250");
            assertThat(command(out, in, "DATA")).startsWith("354");
            assertThat(command(out, in, "Subject: x\r\n\r\nhello\r\n.")).startsWith("250");
            assertThat(command(out, in, "MAIL FROM:<a@example.com>")).startsWith("250");
            assertThat(command(out, in, "RCPT TO:<carol@example.com>")).startsWith("250");
            assertThat(command(out, in, "RSET")).startsWith("250");
            command(out, in, "QUIT");

            SinkTransaction first = told.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            SinkTransaction second = told.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.helo()).isEqualTo("dispatcher-7.test");
            assertThat(first.recipients()).containsExactly(EmailAddress.parse("bob@example.com"));
            assertThat(first.accepted()).isTrue();
            assertThat(first.started()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(first.ended()).isAfterOrEqualTo(first.started());
            assertThat(first.client()).contains("127.0.0.1");
            assertThat(second).isNotNull();
            assertThat(second.recipients()).containsExactly(EmailAddress.parse("carol@example.com"));
            assertThat(second.accepted()).as("reset before DATA").isFalse();
        }
    }

    @Test
    void rejectionReplyShouldCarryEnhancedCodeAndAddress() throws Exception {
        try (Socket s = new Socket(sink.host(), sink.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            assertThat(command(out, in, "HELO test")).startsWith("250");
            assertThat(command(out, in, "MAIL FROM:<a@example.com>")).startsWith("250");
            assertThat(command(out, in, "RCPT TO:<bob@NoWhere.example>"))
                    .isEqualTo("550 5.1.1 <bob@nowhere.example>: user unknown");
            assertThat(command(out, in, "RCPT TO:<ok@example.com>")).startsWith("250");
            command(out, in, "QUIT");
        }
    }

    @Test
    void deferRuleWith421ShouldCloseTheConnection() throws Exception {
        sink.addRule(SinkRule.deferDomain(Domain.of("busy.example"), 421, "4.7.0", "too many connections"));
        try (Socket s = new Socket(sink.host(), sink.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            in.readLine();
            command(out, in, "HELO test");
            command(out, in, "MAIL FROM:<a@example.com>");
            assertThat(command(out, in, "RCPT TO:<x@busy.example>"))
                    .isEqualTo("421 4.7.0 <x@busy.example>: too many connections");
            assertThat(in.readLine()).isNull();
        }
    }

    @Test
    void rulesShouldRefuseMismatchedCodes() {
        assertThatThrownBy(() -> SinkRule.rejectDomain(NOWHERE, 451, "4.7.1", "later"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SinkRule.deferDomain(NOWHERE, 451, "5.7.1", "later"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String command(OutputStream out, BufferedReader in, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return in.readLine();
    }

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", sink.host());
        p.put("mail.smtp.port", Integer.toString(sink.port()));
        p.put("mail.smtp.from", "sender@mailstream.test");
        return Session.getInstance(p);
    }

    private static MimeMessage message(Session session, String subject) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom("sender@mailstream.test");
        m.setRecipients(Message.RecipientType.TO, "alice@example.com");
        m.setSubject(subject);
        m.setText("hello");
        return m;
    }
}
