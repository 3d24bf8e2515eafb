package io.mailstream.dispatcher.smtp.internal;

import io.mailstream.dispatcher.render.MessageBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends a transaction's envelope (MAIL FROM, RCPT TO…, DATA) and reads the replies. With
 * PIPELINING (RFC 2920 §3.1) the whole group leaves in one write and the replies are read in
 * order afterwards: one round trip instead of two plus one per recipient. Without it, one command
 * per round trip (RFC 5321 §4.1.1), stopping at the first refusal that makes the rest pointless.
 * When the server offers CHUNKING (RFC 3030) too, a pipelined group may carry the content as one
 * BDAT LAST in place of DATA: the whole transaction, content included, is then one round trip.
 */
final class EnvelopeExchange {
    private static final int CLOSING = 421;

    private EnvelopeExchange() {
    }

    static EnvelopeReplies pipelined(SmtpWire wire, Envelope envelope, String mailParameters, Optional<MessageBytes> chunk)
            throws IOException {
        wire.send(mailFrom(envelope, mailParameters));
        for (String rcpt : envelope.recipients()) {
            wire.send(rcptTo(rcpt));
        }
        if (chunk.isPresent()) {
            wire.sendLastChunk(chunk.get());
        } else {
            wire.send("DATA");
        }
        wire.flush();
        Replies replies = new Replies(wire);
        Reply mail = replies.next("MAIL FROM");
        List<Reply> recipients = new ArrayList<>(envelope.recipients().size());
        for (int i = 0; i < envelope.recipients().size(); i++) {
            recipients.add(replies.next("RCPT TO"));
        }
        return new EnvelopeReplies(mail, recipients, Optional.of(replies.next(chunk.isPresent() ? "BDAT" : "DATA")),
                chunk.isPresent());
    }

    static EnvelopeReplies lockstep(SmtpWire wire, Envelope envelope, String mailParameters) throws IOException {
        Reply mail = requireOneOf("MAIL FROM", wire.command(mailFrom(envelope, mailParameters)), 2, 4, 5);
        if (!mail.isPositiveCompletion()) {
            return new EnvelopeReplies(mail, List.of(), Optional.empty(), false);
        }
        List<Reply> recipients = new ArrayList<>(envelope.recipients().size());
        for (String rcpt : envelope.recipients()) {
            Reply r = requireOneOf("RCPT TO", wire.command(rcptTo(rcpt)), 2, 4, 5);
            recipients.add(r);
            if (r.code() == CLOSING) {
                // the server is going away: the recipients not asked yet share its answer
                while (recipients.size() < envelope.recipients().size()) {
                    recipients.add(r);
                }
                return new EnvelopeReplies(mail, recipients, Optional.of(r), false);
            }
        }
        if (recipients.stream().noneMatch(Reply::isPositiveCompletion)) {
            return new EnvelopeReplies(mail, recipients, Optional.empty(), false);
        }
        return new EnvelopeReplies(mail, recipients, Optional.of(requireOneOf("DATA", wire.command("DATA"), 3, 4, 5)), false);
    }

    private static String mailFrom(Envelope envelope, String parameters) {
        return "MAIL FROM:<" + envelope.from() + ">" + parameters;
    }

    private static String rcptTo(String recipient) {
        return "RCPT TO:<" + recipient + ">";
    }

    private static Reply requireOneOf(String command, Reply reply, int... classes) throws SmtpProtocolException {
        for (int c : classes) {
            if (reply.code() / 100 == c) {
                return reply;
            }
        }
        throw SmtpProtocolException.unexpected(command, reply);
    }

    /**
     * Reads a pipelined group's replies in order. A server that answers 421 may close the connection
     * right after (RFC 5321 §3.8): the commands it did not answer then share that 421.
     */
    private static final class Replies {
        private final SmtpWire wire;
        private Reply closing;

        Replies(SmtpWire wire) {
            this.wire = wire;
        }

        Reply next(String command) throws IOException {
            if (closing != null) {
                return closing;
            }
            Reply r = requireOneOf(command, wire.read(), command.equals("DATA") ? new int[] {3, 4, 5} : new int[] {2, 4, 5});
            if (r.code() == CLOSING) {
                closing = r;
            }
            return r;
        }
    }
}
