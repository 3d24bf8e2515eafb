package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the returned message's recipient that an X.400 gateway's report names by its O/R address
 * (issue 16): gateways of the 1990s and 2000s report "Your message was not delivered to:
 * /G=Anne/S=Marie/O=Corp/ADMD=Atlas/C=FR/" or "G=Anne; S=Marie; O=Corp; ..." instead of the RFC 822
 * address the mail was sent to. The personal-name attributes (G given name, I initials, S surname,
 * or PN written whole) are the parts of the local part the gateway mapped them from: RFC 2156 (MIXER)
 * maps the local part "Given.Initials.Surname" to the O/R name's G, I and S. Sympa's anabounce
 * (bounce-lib.pl, {@code corrige}) rebuilds the address the same way, "G.S" or "PN" at the domain of
 * the report's sender; here the rebuilt name is only used to pick the one returned recipient (To, Cc)
 * whose local part or display name it is, so the domain is never guessed. Lotus Domino writes its users'
 * hierarchical names the same way, "CN=Quinn Lotus/OU=Sales/O=Corp" (the canonical form of IBM's Domino
 * Directory names), the common name being the person's.
 */
final class X400Names {
    private X400Names() {
    }

    /** The one recipient of {@code returned} whose name an O/R address in {@code text} spells; empty when none or several. */
    static Optional<String> find(String text, HeaderFields returned, Set<String> excluded) {
        List<String> names = personalNames(text);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String named = null;
        for (String field : List.of("to", "cc")) {
            for (String value : returned.all(field)) {
                int previousEnd = 0;
                for (Addresses.Found f : Addresses.findAll(value)) {
                    String display = normalise(value.substring(previousEnd, f.start()).replaceAll("[\"<,]", " "));
                    previousEnd = f.end();
                    String local = normalise(f.address().substring(0, f.address().indexOf('@')));
                    if (excluded.contains(f.address()) || f.address().equals(named)
                            || !(names.contains(local) || names.contains(display))) {
                        continue;
                    }
                    if (named != null) {
                        return Optional.empty(); // two recipients so named: which failed is a guess
                    }
                    named = f.address();
                }
            }
        }
        return Optional.ofNullable(named);
    }

    /**
     * The personal names the O/R addresses of {@code text} spell, normalised ("anne.marie"): from each line
     * holding a surname attribute (S=), a whole personal name (PN=) or a common name (CN=) among attributes
     * separated by "/" or ";".
     */
    static List<String> personalNames(String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int s = nextAttribute(lower, from);
            if (s < 0) {
                return out;
            }
            int lineStart = lower.lastIndexOf('\n', s) + 1;
            int lineEnd = lower.indexOf('\n', s);
            lineEnd = lineEnd < 0 ? lower.length() : lineEnd;
            String given = null;
            String initials = null;
            String surname = null;
            String personal = null;
            for (String attribute : lower.substring(lineStart, lineEnd).split("[/;]")) {
                int eq = attribute.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = attribute.substring(0, eq).strip();
                String value = attribute.substring(eq + 1).strip();
                if (value.isEmpty()) {
                    continue;
                }
                switch (key) {
                    case "g" -> given = value;
                    case "i" -> initials = value;
                    case "s" -> surname = value;
                    case "pn", "cn" -> personal = value.indexOf('@') > 0 ? value.substring(0, value.indexOf('@')) : value;
                    default -> { }
                }
            }
            if (personal != null) {
                add(out, normalise(personal));
            }
            if (surname != null && given != null) {
                add(out, normalise(given + "." + surname));
                if (initials != null) {
                    add(out, normalise(given + "." + initials + "." + surname));
                }
            }
            from = lineEnd;
        }
    }

    /** The next "s=", "pn=" or "cn=" that starts an attribute (after "/", ";", a blank or the line start), from {@code from}. */
    private static int nextAttribute(String lower, int from) {
        for (int i = lower.indexOf('=', from); i >= 0; i = lower.indexOf('=', i + 1)) {
            int keyStart = i - 1;
            while (keyStart > 0 && Character.isLetter(lower.charAt(keyStart - 1))) {
                keyStart--;
            }
            if (keyStart < 0) {
                continue;
            }
            String key = lower.substring(keyStart, i);
            char before = keyStart == 0 ? '\n' : lower.charAt(keyStart - 1);
            if ((key.equals("s") || key.equals("pn") || key.equals("cn")) && "/; \t\n".indexOf(before) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static void add(List<String> out, String name) {
        if (name.length() >= 3 && !out.contains(name)) {
            out.add(name);
        }
    }

    /** Lower case, with blanks, underscores and hyphens between name parts written as dots. */
    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]+", ".");
    }
}
