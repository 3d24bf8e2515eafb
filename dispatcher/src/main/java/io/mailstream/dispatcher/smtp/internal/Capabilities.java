package io.mailstream.dispatcher.smtp.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a server's EHLO reply advertises (RFC 5321 §4.1.1.1): one keyword per line after the first,
 * with its parameters. Keywords are case-insensitive; kept upper case ({@link Locale#ROOT}).
 * {@link #none()} for a server that only knows HELO.
 */
public record Capabilities(Map<String, String> keywords) {
    public Capabilities {
        keywords = Map.copyOf(keywords);
    }

    public static Capabilities none() {
        return new Capabilities(Map.of());
    }

    public static Capabilities fromEhlo(Reply ehlo) {
        Map<String, String> k = new HashMap<>();
        List<String> lines = ehlo.lines();
        for (String line : lines.subList(1, lines.size())) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int space = l.indexOf(' ');
            String keyword = (space < 0 ? l : l.substring(0, space)).toUpperCase(Locale.ROOT);
            String params = space < 0 ? "" : l.substring(space + 1).strip();
            // Old servers announce "AUTH=LOGIN PLAIN" (pre-RFC 4954 syntax); read it as AUTH.
            if (keyword.startsWith("AUTH=")) {
                params = (keyword.substring(5) + " " + params).strip();
                keyword = "AUTH";
            }
            k.merge(keyword, params, (a, b) -> (a + " " + b).strip());
        }
        return new Capabilities(k);
    }

    public boolean supports(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** RFC 2920. */
    public boolean pipelining() {
        return supports("PIPELINING");
    }

    /** RFC 3207. */
    public boolean startTls() {
        return supports("STARTTLS");
    }

    /** RFC 3030: the server takes the content as BDAT chunks. */
    public boolean chunking() {
        return supports("CHUNKING");
    }

    /** RFC 1870: the server takes {@code SIZE=} on MAIL FROM. */
    public boolean size() {
        return supports("SIZE");
    }

    /** RFC 4954: the SASL mechanisms offered, upper case. */
    public Set<String> authMechanisms() {
        return Optional.ofNullable(keywords.get("AUTH"))
                .filter(p -> !p.isBlank())
                .map(p -> Set.copyOf(Arrays.asList(p.toUpperCase(Locale.ROOT).split("\\s+"))))
                .orElse(Set.of());
    }
}
