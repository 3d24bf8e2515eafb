package io.mailstream.schemas.address;

import java.util.Locale;

/**
 * A recipient or sender mailbox ({@code local-part@domain}) as accepted on the SMTP envelope:
 * RFC 5321 §4.1.2 dot-atom or quoted-string local part (at most 64 octets), a host-name domain
 * (normalised by {@link Domain}), 254 characters in all. Display names and comments are not
 * part of an address; CR, LF and other control characters are refused wherever they appear, so an
 * address can never inject a header or an SMTP command.
 */
public final class EmailAddress {
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private final String localPart;
    private final Domain domain;
    // Both forms are asked for several times per message on the delivery path: built once.
    private final String asString;
    private final String normalized;

    private EmailAddress(String localPart, Domain domain) {
        this.localPart = localPart;
        this.domain = domain;
        this.asString = localPart + "@" + domain.asString();
        this.normalized = localPart.toLowerCase(Locale.ROOT) + "@" + domain.asString();
    }

    public static EmailAddress parse(String raw) {
        if (raw == null) {
            throw new InvalidAddressException(null, "address is missing");
        }
        // Checked before stripping: strip() would silently drop a trailing CRLF, and "wherever they
        // appear" includes the ends.
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw new InvalidAddressException(raw, "address contains a control character (CR, LF, NUL ...)");
            }
        }
        String s = raw.strip();
        if (s.isEmpty()) {
            throw new InvalidAddressException(raw, "address is empty");
        }
        int at = s.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidAddressException(raw, "address has no '@'");
        }
        String local = s.substring(0, at);
        String domainPart = s.substring(at + 1);
        checkLocalPart(raw, local);
        if (domainPart.chars().anyMatch(Character::isWhitespace)) {
            // Domain.of strips its input, which is right for configuration but not inside an address
            throw new InvalidAddressException(raw, "domain part contains whitespace");
        }
        Domain domain;
        try {
            domain = Domain.of(domainPart);
        } catch (InvalidAddressException e) {
            // name the whole address, not just its domain, so the caller can find the bad row
            throw new InvalidAddressException(raw, e.reason());
        }
        if (local.length() + 1 + domain.asString().length() > 254) {
            throw new InvalidAddressException(raw, "address is longer than 254 characters");
        }
        return new EmailAddress(local, domain);
    }

    private static void checkLocalPart(String raw, String local) {
        if (local.isEmpty()) {
            throw new InvalidAddressException(raw, "local part (before '@') is empty");
        }
        if (local.length() > 64) {
            throw new InvalidAddressException(raw, "local part is longer than 64 characters");
        }
        if (local.startsWith("\"") && local.endsWith("\"") && local.length() >= 2) {
            checkQuoted(raw, local.substring(1, local.length() - 1));
            return;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidAddressException(raw, "local part has a leading, trailing or double dot");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATEXT_SPECIALS.indexOf(c) >= 0 || c == '.';
            if (!atext) {
                throw new InvalidAddressException(raw, "local part has a character that needs quoting: '"
                        + InvalidAddressException.printable(String.valueOf(c)) + "'");
            }
        }
    }

    private static void checkQuoted(String raw, String inner) {
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= inner.length()) {
                    throw new InvalidAddressException(raw, "quoted local part ends with a lone backslash");
                }
            } else if (c == '"' || c > 126) {
                throw new InvalidAddressException(raw, "quoted local part has an unescaped quote or non-ASCII character");
            }
        }
    }

    public String localPart() {
        return localPart;
    }

    public Domain domain() {
        return domain;
    }

    /** The address as used on the envelope: local part as given, normalised domain. */
    public String asString() {
        return asString;
    }

    /**
     * The key under which the address is deduplicated and suppressed. Local parts are
     * case-sensitive in theory (RFC 5321 §2.4) and case-insensitive at every large provider, so
     * suppression errs on the side of not mailing: the whole address is lower-cased.
     */
    public String normalized() {
        return normalized;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress other && other.normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    @Override
    public String toString() {
        return asString();
    }
}
