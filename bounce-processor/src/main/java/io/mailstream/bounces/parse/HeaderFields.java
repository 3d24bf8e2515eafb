package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final Map<String, List<String>> fields;

    private HeaderFields(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    public static HeaderFields empty() {
        return new HeaderFields(Map.of());
    }

    /** Reads the fields of the first block of {@code text} (up to the first blank line). */
    public static HeaderFields parseBlock(String text) {
        List<HeaderFields> groups = parseGroups(text, 1);
        return groups.isEmpty() ? empty() : groups.get(0);
    }

    /** Splits {@code text} into field groups separated by blank lines, at most {@code maxGroups}. */
    public static List<HeaderFields> parseGroups(String text, int maxGroups) {
        List<HeaderFields> groups = new ArrayList<>();
        Map<String, List<String>> current = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        int start = 0;
        int len = text.length();
        while (start <= len && groups.size() < maxGroups) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            start = end + 1;
            if (line.isBlank()) {
                name = flush(current, name, value);
                if (!current.isEmpty()) {
                    groups.add(new HeaderFields(current));
                    current = new LinkedHashMap<>();
                }
                if (end == len) {
                    break;
                }
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            name = flush(current, name, value);
            if (colon > 0 && line.substring(0, colon).strip().indexOf(' ') < 0) {
                name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                value.append(line.substring(colon + 1).strip());
            }
            if (end == len) {
                break;
            }
        }
        flush(current, name, value);
        if (!current.isEmpty() && groups.size() < maxGroups) {
            groups.add(new HeaderFields(current));
        }
        return groups;
    }

    private static String flush(Map<String, List<String>> into, String name, StringBuilder value) {
        if (name != null) {
            into.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value.toString().strip());
        }
        value.setLength(0);
        return null;
    }

    public Optional<String> first(String name) {
        List<String> values = fields.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
