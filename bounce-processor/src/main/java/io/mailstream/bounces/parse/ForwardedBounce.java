package io.mailstream.bounces.parse;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A bounce that a person forwarded: their note on top, then the bounce under a mail client's
 * forward heading and header block ("-----Original Message-----" / "From: MAILER-DAEMON@... /
 * Sent: ... / To: ... / Subject: failure notice", as Outlook quotes a forwarded message; "----------
 * Forwarded message ----------" with the same fields in other clients). The returned-text cut stops
 * the explanation at that heading, so the report itself would never be read. It is read only when the
 * quoted header block shows a bounce (sent from a mail system's address, or signed with a mail
 * system's name over a subject saying delivery failed), and only when the forwarder's own text
 * marked no failed address.
 */
final class ForwardedBounce {
    /** Field names a mail client writes in the header block of a quoted message. */
    private static final String[] BLOCK_FIELDS = {"from:", "sent:", "date:", "to:", "cc:", "subject:", "von:",
            "gesendet:", "an:", "betreff:", "de :", "envoyé :", "à :", "objet :"};

    /** Names a mail system signs its bounces with, in a quoted From line without a mail-system address. */
    private static final String[] SYSTEM_NAMES = {"mailer-daemon", "mailer daemon", "postmaster", "mail delivery",
            "system administrator", "microsoft outlook", "microsoft exchange", "mail administrator"};

    /** The forwarded report's text (up to its own returned message) and the addresses its header block names. */
    record Forwarded(String text, Set<String> parties) {
    }

    private ForwardedBounce() {
    }

    static Optional<Forwarded> find(MessageParts parts) {
        for (String t : parts.texts()) {
            String kept = ReturnedTextCutter.cut(t);
            if (kept.length() >= t.length()) {
                continue;
            }
            Optional<Forwarded> f = read(t.substring(kept.length()));
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** {@code rest} starts at the heading line that introduced the quoted message. */
    private static Optional<Forwarded> read(String rest) {
        int lineEnd = rest.indexOf('\n');
        if (lineEnd < 0) {
            return Optional.empty();
        }
        int pos = lineEnd + 1;
        boolean fromMailSystem = false;
        boolean bounceSubject = false;
        boolean systemName = false;
        int fields = 0;
        Set<String> parties = new LinkedHashSet<>();
        while (pos < rest.length()) {
            int end = rest.indexOf('\n', pos);
            end = end < 0 ? rest.length() : end;
            String line = rest.substring(pos, end).strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (line.isEmpty()) {
                if (fields > 0) {
                    pos = end + 1;
                    break; // the blank line after the header block
                }
            } else if (startsWithField(lower)) {
                fields++;
                if (lower.startsWith("from:") || lower.startsWith("von:") || lower.startsWith("de :")) {
                    for (String n : SYSTEM_NAMES) {
                        systemName |= lower.contains(n);
                    }
                }
                for (Addresses.Found a : Addresses.findAll(line)) {
                    parties.add(a.address());
                    fromMailSystem |= lower.startsWith("from:") || lower.startsWith("von:") || lower.startsWith("de :")
                            ? Addresses.isMailSystem(a.address()) : false;
                }
                if (lower.startsWith("subject:") || lower.startsWith("betreff:") || lower.startsWith("objet :")) {
                    bounceSubject = AutoReplies.isBounceSubject(line.substring(line.indexOf(':') + 1));
                }
            } else {
                return Optional.empty(); // not a quoted header block
            }
            pos = end + 1;
        }
        // a mail system's address, or a mail system's name over a subject saying delivery failed: a returned
        // campaign whose own subject speaks of "delivery" is not taken for a report
        if (fields == 0 || !(fromMailSystem || (bounceSubject && systemName)) || pos >= rest.length()) {
            return Optional.empty();
        }
        String report = ReturnedTextCutter.cut(rest.substring(pos));
        return report.isBlank() ? Optional.empty() : Optional.of(new Forwarded(report, parties));
    }

    private static boolean startsWithField(String lower) {
        for (String f : BLOCK_FIELDS) {
            if (lower.startsWith(f)) {
                return true;
            }
        }
        return false;
    }
}
