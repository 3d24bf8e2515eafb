package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A block of RFC 5322 §2.2 style fields ({@code Name: value}, folded continuation lines), as used
 * by the message and recipient groups of a {@code message/delivery-status} body (RFC 3464 §2.1),
 * by {@code message/feedback-report} (RFC 5965 §3.1) and by returned message headers. Names are
 * case-insensitive; values are unfolded and stripped.
 */
public final class HeaderFields {
    /** The parsed text; a field's value is read from it when asked for. */
    private final String text;
    private final Map<String, List<Field>> fields;

    private HeaderFields(String text, Map<String, List<Field>> fields) {
        this.text = text;
        this.fields = fields;
    }

    public static HeaderFields empty() {
        return new HeaderFields("", Map.of());
    }

    /** Reads the fields of the first block of {@code text} (up to the first blank line). */
    public static HeaderFields parseBlock(String text) {
        List<HeaderFields> groups = parseGroups(text, 1);
        return groups.isEmpty() ? empty() : groups.get(0);
    }

    /**
     * Splits {@code text} into field groups separated by blank lines, at most {@code maxGroups}. Only where
     * each field's value lies is noted here: a bounce's header has dozens of fields (Received above all)
     * of which a few are ever read, so a value is unfolded into a string when it is asked for.
     */
    public static List<HeaderFields> parseGroups(String text, int maxGroups) {
        List<HeaderFields> groups = new ArrayList<>();
        Map<String, List<Field>> current = new HashMap<>();
        String name = null;
        int valueStart = 0;
        int valueEnd = 0;
        boolean folded = false;
        int len = text.length();
        int start = 0;
        // index arithmetic over the text instead of a substring per line: bounce headers
        // (dozens of Received fields) and DSN bodies are parsed for every message
        while (start < len && groups.size() < maxGroups) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            int lineEnd = trimEnd(text, start, end);
            int first = start;
            while (first < lineEnd && isBlank(text.charAt(first))) {
                first++;
            }
            if (first == lineEnd) {
                add(current, name, valueStart, valueEnd, folded);
                name = null;
                if (!current.isEmpty()) {
                    groups.add(new HeaderFields(text, current));
                    current = new HashMap<>();
                }
            } else if (first > start && name != null) {
                valueEnd = lineEnd;
                folded = true;
            } else {
                add(current, name, valueStart, valueEnd, folded);
                name = null;
                // bounded to the line: a colon further on belongs to another line
                int colon = text.indexOf(':', first, lineEnd);
                if (colon > first) {
                    int nameEnd = trimEnd(text, first, colon);
                    if (nameEnd > first && !containsBlank(text, first, nameEnd)) {
                        name = name(text, first, nameEnd);
                        int v = colon + 1;
                        while (v < lineEnd && isBlank(text.charAt(v))) {
                            v++;
                        }
                        valueStart = v;
                        valueEnd = lineEnd;
                        folded = false;
                    }
                }
            }
            start = end + 1;
        }
        add(current, name, valueStart, valueEnd, folded);
        if (!current.isEmpty() && groups.size() < maxGroups) {
            groups.add(new HeaderFields(text, current));
        }
        return groups;
    }

    private static void add(Map<String, List<Field>> into, String name, int valueStart, int valueEnd, boolean folded) {
        if (name != null) {
            into.computeIfAbsent(name, k -> new ArrayList<>(1)).add(new Field(valueStart, valueEnd, folded));
        }
    }

    /**
     * Where a field's value lies in the text: from its first character on the name's line to the end of its
     * last continuation line. A folded value is unfolded (RFC 5322 §2.2.3) into one blank per line break,
     * each continuation line stripped.
     */
    private record Field(int start, int end, boolean folded) {
        String valueIn(String text) {
            if (!folded) {
                return text.substring(start, end);
            }
            int lineBreak = text.indexOf('\n', start);
            StringBuilder value = new StringBuilder(end - start).append(text, start, trimEnd(text, start, lineBreak));
            int line = lineBreak + 1;
            while (line < end) {
                int next = text.indexOf('\n', line);
                if (next < 0) {
                    next = text.length();
                }
                int lineEnd = trimEnd(text, line, next);
                int first = line;
                while (first < lineEnd && isBlank(text.charAt(first))) {
                    first++;
                }
                value.append(' ').append(text, first, lineEnd);
                line = next + 1;
            }
            return value.toString();
        }
    }

    /**
     * Field names that bounces repeat (dozens of Received per message): matched in place and
     * shared, so the common case allocates neither a substring nor its lower-case copy.
     */
    private static final String[][] COMMON_BY_LENGTH = new String[32][];

    static {
        List<String> common = List.of("received", "from", "to", "subject", "date", "message-id", "content-type",
                "content-transfer-encoding", "mime-version", "return-path", "x-mailer", "reporting-mta", "final-recipient",
                "original-recipient", "action", "status", "diagnostic-code", "remote-mta", "last-attempt-date",
                "arrival-date", "dkim-signature", "x-received", "authentication-results", "content-description",
                "content-disposition", "x-original-to", "delivered-to", "auto-submitted", "x-failed-recipients",
                "received-spf", "reply-to", "precedence", "x-postfix-queue-id", "will-retry-until", "x-mailstream-message-id",
                "x-message-id", "original-envelope-id", "cc", "sender", "references", "in-reply-to", "user-agent");
        Map<Integer, List<String>> byLength = new java.util.TreeMap<>();
        for (String n : common) {
            byLength.computeIfAbsent(n.length(), k -> new ArrayList<>()).add(n);
        }
        byLength.forEach((len, names) -> COMMON_BY_LENGTH[len] = names.toArray(new String[0]));
    }

    private static String name(String text, int from, int to) {
        int len = to - from;
        String[] candidates = len < COMMON_BY_LENGTH.length ? COMMON_BY_LENGTH[len] : null;
        if (candidates != null) {
            // the common names start with a lower-case ASCII letter: an ASCII first character of another
            // letter rules a name out without the whole comparison (others, such as the Kelvin sign, can
            // still match a letter case-insensitively and are compared whole)
            char first = text.charAt(from);
            for (String c : candidates) {
                if ((first >= 128 || (first | 0x20) == c.charAt(0)) && text.regionMatches(true, from, c, 0, len)) {
                    return c;
                }
            }
        }
        return text.substring(from, to).toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean containsBlank(String text, int from, int to) {
        return text.indexOf(' ', from, to) >= 0;
    }

    private static int trimEnd(String text, int start, int end) {
        int e = end;
        while (e > start && isBlank(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    public Optional<String> first(String name) {
        List<Field> values = fields.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).valueIn(text));
    }

    public List<String> all(String name) {
        List<Field> values = fields.get(name.toLowerCase(Locale.ROOT));
        if (values == null) {
            return List.of();
        }
        List<String> all = new ArrayList<>(values.size());
        for (Field f : values) {
            all.add(f.valueIn(text));
        }
        return all;
    }

    public boolean has(String name) {
        return fields.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
