package io.mailstream.dispatcher.render;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses values that would break out of a header: CR or LF would start a new header (or the
 * body) in the message (RFC 5322 §2.2), so any value headed for a header must be one line. Also
 * guards header names and the headers the dispatcher sets itself.
 */
final class HeaderGuard {
    // RFC 5322 §3.6.8 ftext: printable US-ASCII except ':'.
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,76}");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=-]{0,127}");
    private static final Set<String> RESERVED = Set.of(
            "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version",
            "content-type", "content-transfer-encoding", "return-path", "received", "dkim-signature",
            "list-unsubscribe", "list-unsubscribe-post", "x-mailstream-campaign-id", "x-mailstream-message-id");

    private HeaderGuard() {
    }

    /** A value that will be (part of) a header: no CR, LF or other control characters but TAB. */
    static String singleLine(String messageId, String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new RenderException(messageId, what + " contains CR or LF (header injection refused)");
            }
            if (Character.isISOControl(c) && c != '\t') {
                throw new RenderException(messageId, what + " contains a control character");
            }
        }
        return value;
    }

    static String extraHeaderName(String messageId, String name) {
        if (name == null || !FIELD_NAME.matcher(name).matches()) {
            throw new RenderException(messageId, "extra header name '" + printable(name) + "' is not a valid field name");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new RenderException(messageId, "extra header " + name + " is set by the dispatcher and may not be overridden");
        }
        return name;
    }

    /** Ids go into Message-ID and the VERP local part, so they are restricted to a safe token. */
    static String safeId(String messageId, String what, String value) {
        if (value == null || !SAFE_ID.matcher(value).matches()) {
            throw new RenderException(messageId, what + " '" + printable(value)
                    + "' must be 1-128 characters of letters, digits, '.', '_', '=' or '-'");
        }
        return value;
    }

    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String p = s.replace("\r", "\\r").replace("\n", "\\n");
        return p.length() > 100 ? p.substring(0, 100) + "..." : p;
    }
}
