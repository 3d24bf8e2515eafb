package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed recipients that a report lists by their bare local name and returns no copy that would
 * give their domain: the mailbox is at the reporting system's own domain (issue 16). AOL's legacy
 * report lists screen names under "... mail to the following recipients could not be delivered
 * ...:" and Yale's names under "Message not delivered to the following:", each name alone on an
 * indented line or before its reason; Mailman's flufl.bounce reads them so ({@code
 * _detectors/aol.py}: the name plus "@aol.com", stopping at a line with inner whitespace; {@code
 * _detectors/yale.py}: the name at the reporting domain, up to "Error Detail").
 *
 * <p>Read only when the bounce comes from a mail system's mailbox (MAILER-DAEMON, postmaster), whose
 * domain is the reporting system's, and only in a block right under a sentence that announces failed
 * recipients (it ends with a colon and speaks of delivery or recipients); a line of prose (a word
 * followed by a single space) ends the block.
 */
final class ReportingDomainNames {
    /** Words of a sentence that announces the list of failed recipients. */
    private static final List<String> ANNOUNCING = List.of("deliver", "recipient", "not reach", "undeliverable");

    private ReportingDomainNames() {
    }

    /** Each name listed under an announcing sentence, at the domain of {@code bounceFrom}; empty when none. */
    static List<String> find(String text, Optional<String> bounceFrom) {
        List<String> out = new ArrayList<>();
        if (bounceFrom.isEmpty() || !Addresses.isMailSystem(bounceFrom.get())) {
            return out;
        }
        String domain = bounceFrom.get().substring(bounceFrom.get().indexOf('@') + 1);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && out.isEmpty(); i++) {
            String line = lines[i].strip();
            if (!line.endsWith(":") || !announces(line + " " + (i > 0 ? lines[i - 1] : ""))) {
                continue;
            }
            int j = i + 1;
            if (j < lines.length && lines[j].isBlank()) {
                j++; // Yale's report leaves a blank line under its heading
            }
            for (; j < lines.length && !lines[j].isBlank(); j++) {
                String name = indented(lines[j]) ? NamedRecipients.leadingName(lines[j]) : null;
                if (name == null || !looksLikeLocalPart(name)) {
                    break;
                }
                String address = name.toLowerCase(Locale.ROOT) + "@" + domain;
                if (!out.contains(address)) {
                    out.add(address);
                }
            }
        }
        return out;
    }

    private static boolean announces(String sentence) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        for (String w : ANNOUNCING) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean indented(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
    }

    /** A mailbox name: at least one letter, no dot at either end. */
    private static boolean looksLikeLocalPart(String name) {
        return name.chars().anyMatch(Character::isLetter) && !name.startsWith(".") && !name.endsWith(".");
    }
}
