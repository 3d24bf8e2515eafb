package io.mailstream.dispatcher.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.internal.Envelope;
import io.mailstream.dispatcher.smtp.internal.SmtpSession;
import io.mailstream.dispatcher.smtp.internal.TransactionResult;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.PipeliningSmtpServer;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.schemas.address.Domain;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PIPELINING (RFC 2920) against {@link PipeliningSmtpServer}, which holds its MAIL and RCPT
 * replies until DATA when it offers PIPELINING: a client that waited for them would time out
 * (read timeout 2 s) and defer, so every {@code Delivered} here is a pipelined transaction.
 */
class SmtpPipeliningTest {
    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private PipeliningSmtpServer server;
    private SmtpConnection connection;
    private SmtpSessions sessions;

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.close();
        }
        if (sessions != null) {
            sessions.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SmtpSettings settings() {
        return new SmtpSettings(new SmtpRoute("127.0.0.1", server.port()), "dispatcher.test",
                Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private SmtpConnection connect(PipeliningSmtpServer s) {
        server = s;
        connection = new SmtpConnection(settings());
        return connection;
    }

    private SmtpSession openSession(PipeliningSmtpServer s) throws Exception {
        server = s;
        sessions = new SmtpSessions();
        return sessions.dialerFor(settings(), SmtpSecurity.plain(settings().route()), Optional.empty()).open();
    }

    private RenderedMessage message(String to) {
        MailMessage m = Fixtures.transactional(to, "Receipt for " + to, "Thanks\n.dot line").build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    private static List<DeliveryOutcome> classified(TransactionResult r) {
        return r.perRecipient().stream().map(reply -> SmtpFailures.classify(reply, "127.0.0.1")).toList();
    }

    @Test
    void sendShouldSendMailRcptAndDataInOneWriteWhenTheServerOffersPipelining() {
        RenderedMessage m = message("ann@example.com");

        DeliveryOutcome outcome = connect(PipeliningSmtpServer.pipelining()).send(m);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Delivered.class,
                d -> assertThat(d.smtpReply().code()).isEqualTo(250));
        assertThat(server.commandsPerRead()).contains(List.of(
                "MAIL FROM:<" + m.envelopeFrom().asString() + ">", "RCPT TO:<ann@example.com>", "DATA"));
        assertThat(server.received()).singleElement().satisfies(r -> {
            assertThat(r.recipients()).containsExactly("ann@example.com");
            assertThat(r.data()).contains("Subject: Receipt for ann@example.com").contains("\r\n.dot line");
        });
    }

    @Test
    void aPipelinedTransactionShouldClassifyEachRecipientByItsOwnReply() throws Exception {
        RenderedMessage m = message("ann@example.com");
        Envelope envelope = new Envelope(m.envelopeFrom().asString(),
                List.of("ann@example.com", "unknown@example.com", "later@example.com"));

        TransactionResult result;
        try (SmtpSession session = openSession(PipeliningSmtpServer.pipelining())) {
            result = session.transact(envelope, m.content());
        }

        List<DeliveryOutcome> outcomes = classified(result);
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Delivered.class,
                d -> assertThat(d.smtpReply().text()).contains("queued"));
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Bounced.class, b -> {
            assertThat(b.smtpReply().code()).isEqualTo(550);
            assertThat(b.smtpReply().enhancedStatus()).contains("5.1.1");
        });
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> {
            assertThat(d.smtpReply()).map(SmtpReply::code).contains(451);
            assertThat(d.smtpReply()).flatMap(SmtpReply::enhancedStatus).contains("4.7.1");
        });
        assertThat(result.closing()).isFalse();
        assertThat(server.commandsPerRead()).contains(List.of("MAIL FROM:<" + envelope.from() + ">",
                "RCPT TO:<ann@example.com>", "RCPT TO:<unknown@example.com>", "RCPT TO:<later@example.com>", "DATA"));
        assertThat(server.received()).singleElement()
                .satisfies(r -> assertThat(r.recipients()).containsExactly("ann@example.com"));
    }

    @Test
    void messagesOnOnePipelinedConnectionShouldEachBeClassifiedByTheirRecipientsReply() {
        SmtpConnection c = connect(PipeliningSmtpServer.pipelining());

        assertThat(c.send(message("ann@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(c.send(message("unknown@example.com"))).isInstanceOfSatisfying(DeliveryOutcome.Bounced.class,
                b -> assertThat(b.smtpReply().enhancedStatus()).contains("5.1.1"));
        assertThat(c.send(message("later@example.com"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.smtpReply()).flatMap(SmtpReply::enhancedStatus).contains("4.7.1"));
        assertThat(c.send(message("bob@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(server.received()).extracting(r -> r.recipients().getFirst())
                .containsExactly("ann@example.com", "bob@example.com");
        assertThat(server.sessions()).isEqualTo(1);
        assertThat(c.connectCount()).isEqualTo(1);
        assertThat(server.commandsPerRead()).filteredOn(batch -> batch.getFirst().startsWith("MAIL FROM"))
                .hasSize(4)
                .allSatisfy(batch -> assertThat(batch).hasSize(3).last().isEqualTo("DATA"));
    }

    @Test
    void whenDataIsAcceptedButNoRecipientWasTheClientShouldSendOnlyTheEndOfData() throws Exception {
        RenderedMessage m = message("ann@example.com");
        Envelope envelope = new Envelope(m.envelopeFrom().asString(), List.of("unknown@example.com", "later@example.com"));

        try (SmtpSession session = openSession(PipeliningSmtpServer.pipeliningAcceptingDataWithoutRecipients())) {
            List<DeliveryOutcome> outcomes = classified(session.transact(envelope, m.content()));

            assertThat(outcomes.get(0)).isInstanceOf(DeliveryOutcome.Bounced.class);
            assertThat(outcomes.get(1)).isInstanceOf(DeliveryOutcome.Deferred.class);
            assertThat(server.contentLengths()).containsExactly(0);
            assertThat(server.received()).isEmpty();

            List<DeliveryOutcome> next = classified(session.transact(
                    new Envelope(envelope.from(), List.of("ann@example.com")), m.content()));
            assertThat(next).singleElement().isInstanceOf(DeliveryOutcome.Delivered.class);
        }
        assertThat(server.received()).singleElement().satisfies(r -> assertThat(r.data()).contains("Receipt for ann"));
        assertThat(server.contentLengths()).hasSize(2).last().isNotEqualTo(0);
    }

    @Test
    void a421InAPipelinedGroupShouldDeferAndTheNextMessageShouldGoOnANewConnection() {
        SmtpConnection c = connect(PipeliningSmtpServer.pipelining());

        assertThat(c.send(message("closing@example.com"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.smtpReply()).map(SmtpReply::code).contains(421));
        assertThat(c.send(message("ann@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(c.connectCount()).isEqualTo(2);
        assertThat(server.sessions()).isEqualTo(2);
    }

    @Test
    void aServerWithoutPipeliningShouldGetOneCommandPerRoundTrip() {
        SmtpConnection c = connect(PipeliningSmtpServer.lockstep());

        assertThat(c.send(message("ann@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(c.send(message("unknown@example.com"))).isInstanceOf(DeliveryOutcome.Bounced.class);
        assertThat(c.send(message("later@example.com"))).isInstanceOf(DeliveryOutcome.Deferred.class);
        assertThat(c.send(message("bob@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(server.commandsPerRead()).isNotEmpty().allSatisfy(batch -> assertThat(batch).hasSize(1));
        assertThat(server.commands()).filteredOn(cmd -> cmd.startsWith("RSET")).hasSize(2);
        assertThat(server.received()).hasSize(2);
        assertThat(c.connectCount()).isEqualTo(1);
    }

    @Test
    void withChunkingThePipelinedTransactionShouldCarryTheContentAsOneBdatInTheSameWrite() {
        RenderedMessage m = message("ann@example.com");

        DeliveryOutcome outcome = connect(PipeliningSmtpServer.pipeliningWithChunking()).send(m);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Delivered.class,
                d -> assertThat(d.smtpReply().code()).isEqualTo(250));
        assertThat(server.commandsPerRead()).contains(List.of("MAIL FROM:<" + m.envelopeFrom().asString() + ">",
                "RCPT TO:<ann@example.com>", "BDAT " + m.content().length() + " LAST"));
        assertThat(server.commands()).doesNotContain("DATA", "RSET");
        // BDAT carries the bytes as they are: no dot-stuffing, nothing added
        assertThat(server.received()).singleElement().satisfies(r ->
                assertThat(r.data()).isEqualTo(new String(m.content().toByteArray(), StandardCharsets.UTF_8)));
    }

    @Test
    void aChunkedPipelinedTransactionShouldClassifyEachRecipientByItsOwnReply() throws Exception {
        RenderedMessage m = message("ann@example.com");
        Envelope envelope = new Envelope(m.envelopeFrom().asString(),
                List.of("unknown@example.com", "ann@example.com", "later@example.com"));

        TransactionResult result;
        try (SmtpSession session = openSession(PipeliningSmtpServer.pipeliningWithChunking())) {
            result = session.transact(envelope, m.content());
        }

        List<DeliveryOutcome> outcomes = classified(result);
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Bounced.class,
                b -> assertThat(b.smtpReply().enhancedStatus()).contains("5.1.1"));
        assertThat(outcomes.get(1)).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.smtpReply()).flatMap(SmtpReply::enhancedStatus).contains("4.7.1"));
        assertThat(server.received()).singleElement()
                .satisfies(r -> assertThat(r.recipients()).containsExactly("ann@example.com"));
    }

    @Test
    void aServerWithChunkingButNoPipeliningShouldGetDataOneCommandPerRoundTrip() {
        SmtpConnection c = connect(PipeliningSmtpServer.lockstepWithChunking());

        assertThat(c.send(message("ann@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(c.send(message("unknown@example.com"))).isInstanceOf(DeliveryOutcome.Bounced.class);
        assertThat(c.send(message("later@example.com"))).isInstanceOf(DeliveryOutcome.Deferred.class);
        assertThat(c.send(message("bob@example.com"))).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(server.commandsPerRead()).isNotEmpty().allSatisfy(batch -> assertThat(batch).hasSize(1));
        assertThat(server.commands()).filteredOn(cmd -> cmd.startsWith("BDAT")).isEmpty();
        assertThat(server.commands()).filteredOn(cmd -> cmd.equals("DATA")).hasSize(2);
        assertThat(server.received()).extracting(r -> r.recipients().getFirst()).containsExactly("ann@example.com", "bob@example.com");
        assertThat(c.connectCount()).isEqualTo(1);
    }
}
