package io.mailstream.dispatcher.outcome;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply (RFC 5321 §4.2): the three-digit code, the RFC 3463 enhanced status code when the
 * server sent one (RFC 2034 puts it first in the text, e.g. {@code 550 5.1.1 user unknown}), and
 * the text.
 */
public record SmtpReply(int code, Optional<String> enhancedStatus, String text) {
    // RFC 3463 §2: class "." subject "." detail, class 2/4/5, subject and detail 1-3 digits.
    private static final Pattern ENHANCED = Pattern.compile("^(?:\\d{3}[ -])?([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$)");

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code must be in 200..599, was " + code);
        }
        text = text == null ? "" : text.strip();
    }

    /** Parses the enhanced status code out of the reply text, which may or may not repeat the reply code. */
    public static SmtpReply of(int code, String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = ENHANCED.matcher(t);
        Optional<String> enhanced = Optional.empty();
        if (m.find() && m.group(1).charAt(0) == Integer.toString(code).charAt(0)) {
            // RFC 3463 §3: the class must agree with the reply code's first digit, or it is noise.
            enhanced = Optional.of(m.group(1));
        }
        return new SmtpReply(code, enhanced, t);
    }

    public boolean isPositive() {
        return code / 100 == 2 || code / 100 == 3;
    }

    public boolean isTransient() {
        return code / 100 == 4;
    }

    public boolean isPermanent() {
        return code / 100 == 5;
    }
}
