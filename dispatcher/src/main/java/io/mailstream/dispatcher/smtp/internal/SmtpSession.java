package io.mailstream.dispatcher.smtp.internal;

import io.mailstream.dispatcher.render.MessageBytes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An open SMTP session (greeted, EHLO done, TLS and AUTH as configured) that runs one transaction
 * after another (RFC 5321 §3.3), pipelined when the server offers PIPELINING (RFC 2920), then with
 * the content as one BDAT chunk in the group if it offers CHUNKING (RFC 3030) too, else after DATA. Opened by
 * {@link Dialer}. Each transaction must end within the transaction timeout, however the server paces its
 * replies ({@link SessionDeadline}). Not thread-safe.
 */
public final class SmtpSession implements AutoCloseable {
    private final SmtpWire wire;
    private final Capabilities capabilities;
    private final SessionDeadline deadline;
    private final Duration transactionTimeout;

    SmtpSession(SmtpWire wire, Capabilities capabilities, SessionDeadline deadline, Duration transactionTimeout) {
        this.wire = wire;
        this.capabilities = capabilities;
        this.deadline = deadline;
        this.transactionTimeout = transactionTimeout;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** The local IP of this session's connection. */
    public java.net.InetAddress localAddress() {
        return wire.localAddress();
    }

    /**
     * Runs one transaction. An {@link IOException} means the connection failed (no reply, a timeout,
     * a broken reply): close the session; it says nothing about the recipients.
     */
    public TransactionResult transact(Envelope envelope, MessageBytes content) throws IOException {
        deadline.arm(transactionTimeout);
        try {
            return exchange(envelope, content);
        } finally {
            deadline.disarm();
        }
    }

    private TransactionResult exchange(Envelope envelope, MessageBytes content) throws IOException {
        String parameters = capabilities.size() ? " SIZE=" + content.length() : "";
        // BDAT only in a pipelined group, where it makes the transaction one round trip. Without PIPELINING it
        // would save only DATA's 354 round trip, and servers without PIPELINING (SubEthaSMTP, so the embedded
        // sink and most tests) keep the DATA path every test and IT has proved.
        Optional<MessageBytes> chunk = capabilities.chunking() ? Optional.of(content) : Optional.empty();
        EnvelopeReplies replies = capabilities.pipelining()
                ? EnvelopeExchange.pipelined(wire, envelope, parameters, chunk)
                : EnvelopeExchange.lockstep(wire, envelope, parameters);
        Reply end = null;
        if (replies.readyForContent()) {
            if (replies.anyRecipientAccepted()) {
                wire.sendContent(content);
                end = expectCompletion("end of data", wire.read());
            } else {
                // RFC 2920 §3.1: DATA was accepted although no recipient was; send no content, just end it.
                wire.send(".");
                wire.flush();
                expectCompletion("end of data", wire.read());
            }
        }
        List<Reply> decided = decide(envelope, replies, end);
        boolean closing = decided.stream().anyMatch(r -> r.code() == 421)
                || replies.mail().code() == 421 || replies.data().map(r -> r.code() == 421).orElse(false);
        boolean complete = replies.readyForContent() || replies.chunkAccepted();
        if (!closing && !complete) {
            // The transaction stopped half-way (refused sender, recipients, DATA or BDAT): clear it (RFC 5321 §4.1.1.5).
            closing = !wire.command("RSET").isPositiveCompletion();
        }
        return new TransactionResult(decided, closing);
    }

    private static List<Reply> decide(Envelope envelope, EnvelopeReplies replies, Reply end) {
        List<Reply> decided = new ArrayList<>(envelope.recipients().size());
        for (int i = 0; i < envelope.recipients().size(); i++) {
            if (!replies.mail().isPositiveCompletion()) {
                decided.add(replies.mail());
            } else if (!replies.recipients().get(i).isPositiveCompletion()) {
                decided.add(replies.recipients().get(i));
            } else if (!replies.readyForContent()) {
                decided.add(replies.data().orElseThrow()); // DATA refused, or the BDAT reply
            } else {
                decided.add(end);
            }
        }
        return decided;
    }

    private static Reply expectCompletion(String step, Reply reply) throws SmtpProtocolException {
        if (reply.code() / 100 == 3) {
            throw SmtpProtocolException.unexpected(step, reply);
        }
        return reply;
    }

    /** Says QUIT without waiting for the answer (the transactions are done) and closes the connection. */
    @Override
    public void close() {
        try {
            wire.send("QUIT");
            wire.flush();
        } catch (IOException ignored) {
            // the server is gone already; closing is all that is left
        }
        wire.close();
    }
}
