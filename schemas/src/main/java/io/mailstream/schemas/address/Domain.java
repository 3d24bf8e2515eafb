package io.mailstream.schemas.address;

import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS domain in its normalised form: lower case (Locale.ROOT) and, for internationalised names,
 * the A-label (punycode) form, so that {@code Bücher.example} and {@code xn--bcher-kva.example}
 * are one domain and share one throttle. Length limits per RFC 1035 §2.3.4 (63 per label, 253 in all).
 */
public final class Domain implements Comparable<Domain>, RouteTarget {
    // Bulk mail meets the same few domains millions of times: each is parsed (IDN, label checks) once.
    private static final int MAX_RECENT = 10_000;
    private static final Map<String, Domain> RECENT = new ConcurrentHashMap<>();

    private final String value;

    private Domain(String value) {
        this.value = value;
    }

    public static Domain of(String raw) {
        Domain known = raw == null ? null : RECENT.get(raw);
        if (known != null) {
            return known;
        }
        Domain parsed = parse(raw);
        if (RECENT.size() >= MAX_RECENT) {
            RECENT.clear();
        }
        RECENT.put(raw, parsed);
        return parsed;
    }

    private static Domain parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidAddressException(raw, "domain is empty");
        }
        String s = raw.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, 0);
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException(raw, "domain is not a valid internationalised name: " + e.getMessage());
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.length() > 253) {
            throw new InvalidAddressException(raw, "domain is longer than 253 characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidAddressException(raw, "domain needs at least two labels (e.g. example.com)");
        }
        for (String label : labels) {
            checkLabel(raw, label);
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidAddressException(raw, "top-level label is numeric; address literals are not accepted");
        }
        return new Domain(ascii);
    }

    private static void checkLabel(String raw, String label) {
        if (label.isEmpty()) {
            throw new InvalidAddressException(raw, "domain has an empty label");
        }
        if (label.length() > 63) {
            throw new InvalidAddressException(raw, "domain label longer than 63 characters: " + label);
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw new InvalidAddressException(raw, "domain label starts or ends with '-': " + label);
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                throw new InvalidAddressException(raw, "domain label has a character not allowed in a host name: '"
                        + InvalidAddressException.printable(String.valueOf(c)) + "'");
            }
        }
    }

    /** The normalised A-label form. */
    public String asString() {
        return value;
    }

    @Override
    public String asKey() {
        return value;
    }

    /** The U-label form for display. */
    public String toUnicode() {
        return IDN.toUnicode(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(Domain o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
