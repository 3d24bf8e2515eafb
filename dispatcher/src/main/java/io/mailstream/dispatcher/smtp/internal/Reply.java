package io.mailstream.dispatcher.smtp.internal;

import io.mailstream.dispatcher.outcome.SmtpReply;
import java.util.List;

/**
 * One SMTP reply as read from the wire (RFC 5321 §4.2): its code and the text of each line, the
 * code and separator stripped. EHLO reads its lines one by one; delivery code wants {@link #asSmtpReply()}.
 */
public record Reply(int code, List<String> lines) {
    public Reply {
        lines = List.copyOf(lines);
    }

    /** The lines joined by a space, as one text; for multi-line replies the enhanced status code is the first line's. */
    public String text() {
        return String.join(" ", lines);
    }

    public boolean isPositiveCompletion() {
        return code / 100 == 2;
    }

    public boolean isIntermediate() {
        return code / 100 == 3;
    }

    public SmtpReply asSmtpReply() {
        return SmtpReply.of(code, text());
    }

    @Override
    public String toString() {
        return code + " " + text();
    }
}
