package io.mailstream.schemas.address;

import io.mailstream.schemas.MailstreamException;

/** An address or domain that fails syntax; {@link #input()} is what was given, {@link #reason()} why it fails. */
public final class InvalidAddressException extends MailstreamException {
    private static final long serialVersionUID = 1L;
    private final String input;
    private final String reason;

    InvalidAddressException(String input, String reason) {
        super("invalid address '" + printable(input) + "': " + reason);
        this.input = input;
        this.reason = reason;
    }

    public String input() {
        return input;
    }

    public String reason() {
        return reason;
    }

    /** Control characters are shown escaped so that a CRLF in bad input cannot forge log lines. */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() > 300 ? b.substring(0, 300) + "..." : b.toString();
    }
}
