package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits a {@code message/delivery-status} body (RFC 3464 §2.1) into its per-message fields
 * (§2.2: Reporting-MTA, Original-Envelope-Id ...) and per-recipient groups (§2.3:
 * Final-Recipient, Action, Status, Diagnostic-Code, Remote-MTA ...).
 */
public final class DeliveryStatusReader {
    private DeliveryStatusReader() {
    }

    /** The fields of one report; recipient groups past {@code maxRecipients} are counted, not kept. */
    public record Report(HeaderFields perMessage, List<HeaderFields> recipients, int droppedRecipients) {
    }

    public static Report read(String body, int maxRecipients) {
        List<HeaderFields> groups = HeaderFields.parseGroups(separateRecipients(body), maxRecipients * 2 + 8);
        HeaderFields perMessage = HeaderFields.empty();
        List<HeaderFields> recipients = new ArrayList<>();
        int dropped = 0;
        for (HeaderFields g : groups) {
            boolean isRecipient = g.has("final-recipient") || g.has("original-recipient")
                    || (g.has("action") && g.has("status"));
            if (isRecipient) {
                if (recipients.size() < maxRecipients) {
                    recipients.add(g);
                } else {
                    dropped++;
                }
            } else if (perMessage.isEmpty()) {
                perMessage = g;
            }
        }
        // a report whose only group mixes per-message and recipient fields is common: use it for both
        if (perMessage.isEmpty() && recipients.size() == 1) {
            perMessage = recipients.get(0);
        }
        return new Report(perMessage, recipients, dropped);
    }

    /**
     * Some MTAs (AOL) write recipient groups without the blank line between them (RFC 3464
     * §2.1): start a new group at a Final-Recipient field when the group already has one.
     */
    static String separateRecipients(String body) {
        int first = indexOfField(body, 0);
        if (first < 0 || indexOfField(body, first + 1) < 0) {
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length() + 64);
        boolean seen = false;
        int start = 0;
        int len = body.length();
        while (start < len) {
            int end = body.indexOf('\n', start);
            end = end < 0 ? len : end + 1;
            boolean blank = true;
            for (int i = start; i < end && blank; i++) {
                blank = Character.isWhitespace(body.charAt(i));
            }
            if (blank) {
                seen = false;
            } else if (body.regionMatches(true, start, FINAL_RECIPIENT, 0, FINAL_RECIPIENT.length())) {
                if (seen) {
                    sb.append('\n');
                }
                seen = true;
            }
            sb.append(body, start, end);
            start = end;
        }
        return sb.toString();
    }

    private static final String FINAL_RECIPIENT = "final-recipient:";

    private static int indexOfField(String body, int from) {
        for (int i = from; i >= 0 && i < body.length(); i = body.indexOf('\n', i) < 0 ? -1 : body.indexOf('\n', i) + 1) {
            if (body.regionMatches(true, i, FINAL_RECIPIENT, 0, FINAL_RECIPIENT.length())) {
                return i;
            }
        }
        return -1;
    }

    /** The address of a {@code type; address} field (RFC 3464 §2.3.1/§2.3.2). */
    public static Optional<String> address(Optional<String> typedValue) {
        return typedValue.flatMap(v -> {
            int semi = v.indexOf(';');
            String addr = semi >= 0 ? v.substring(semi + 1) : v;
            if (semi >= 0 && v.substring(0, semi).strip().equalsIgnoreCase("utf-8")) {
                addr = decodeUnicodeEscapes(addr);
                if (addr.contains("\\x{")) {
                    return asWritten(addr); // an escape that names no character: never an address read from inside it
                }
            }
            Optional<String> found = Addresses.first(addr);
            return found.isPresent() ? found : asWritten(addr);
        });
    }

    private static Optional<String> asWritten(String addr) {
        String s = addr.strip().replace("<", "").replace(">", "").toLowerCase(Locale.ROOT);
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * The {@code utf-8} address type of RFC 6533 §3 writes a non-ASCII character, in a {@code message/delivery-status}
     * part, as {@code \x{HHHH}} (its code point in hex): "j\x{00F6}rg@example.org" is "jörg@example.org". A sequence
     * that names no character (not hex, beyond U+10FFFF, a surrogate) stays as written.
     */
    static String decodeUnicodeEscapes(String value) {
        int i = value.indexOf("\\x{");
        if (i < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int from = 0;
        for (; i >= 0; i = value.indexOf("\\x{", from)) {
            int close = value.indexOf('}', i + 3);
            int codePoint = close > i + 3 && close - i <= 9 ? hex(value, i + 3, close) : -1;
            if (codePoint < 0 || !Character.isValidCodePoint(codePoint)
                    || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
                out.append(value, from, i + 3);
                from = i + 3;
                continue;
            }
            out.append(value, from, i).appendCodePoint(codePoint);
            from = close + 1;
        }
        return out.append(value, from, value.length()).toString();
    }

    private static int hex(String s, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The type of a {@code type; text} field such as {@code Diagnostic-Code: smtp; 550 ...}. */
    public static String type(String typedValue) {
        int semi = typedValue.indexOf(';');
        return semi < 0 ? "" : typedValue.substring(0, semi).strip().toUpperCase(Locale.ROOT);
    }

    /** The text of a {@code type; text} field. */
    public static String text(String typedValue) {
        int semi = typedValue.indexOf(';');
        return semi < 0 ? typedValue.strip() : typedValue.substring(semi + 1).strip();
    }
}
