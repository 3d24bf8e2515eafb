package io.mailstream.dispatcher.smtp.internal;

import java.io.IOException;

/**
 * The server broke the protocol: a reply that is not one (RFC 5321 §4.2), one longer than we read,
 * or an answer the command cannot have. The connection cannot be trusted any further.
 */
public final class SmtpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    private SmtpProtocolException(String message) {
        super(message);
    }

    static SmtpProtocolException malformed(String line) {
        return new SmtpProtocolException("malformed reply line: '" + printable(line) + "'");
    }

    static SmtpProtocolException tooLong(String what, int limit) {
        return new SmtpProtocolException("reply " + what + " exceeds " + limit + ": refusing to read on");
    }

    static SmtpProtocolException codeChanged(int first, int then) {
        return new SmtpProtocolException("multi-line reply changed its code from " + first + " to " + then);
    }

    public static SmtpProtocolException unexpected(String command, Reply reply) {
        return new SmtpProtocolException("unexpected reply to " + command + ": " + printable(reply.toString()));
    }

    private static String printable(String s) {
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
