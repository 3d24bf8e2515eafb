package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds which of the returned message's recipients a text bounce names without writing the
 * address out (issue 16): older mail systems report the recipient by its local name or its
 * directory display name. GroupWise lists "&lt;tab&gt;nobody (user not found)" under "The message
 * that you sent was undeliverable to the following:", AOL's and CompuServe's templates the screen
 * name ("Receiver not found: nobody"), Sendmail's local delivery "nobody... User unknown"
 * (savemail.c), and Exchange 5.5 the display name from its directory ("Nobody Example on 3/2/97
 * 10:00 AM" under "did not reach the following recipient(s):", Microsoft KB Q192349).
 *
 * <p>A name counts only where a report marks a recipient: opening its line (after indentation,
 * quotes, bullets) or right after a label's colon, and as a whole word; and only one recipient of
 * the returned message may be so named. Otherwise nothing is returned: a wrong address suppresses an
 * innocent one.
 */
final class NamedRecipients {
    /** Shortest local part / display name read: shorter ones match too many words. */
    private static final int MIN_NAME = 3;

    /**
     * Labels of the summary of the returned message some reports repeat ("Your message\n  To: Nobody
     * Example; Colleague"): they name every recipient, not the failed one.
     */
    private static final Set<String> SUMMARY_LABELS = Set.of("to:", "cc:", "bcc:", "an:", "kopie:", "à:", "a:",
            "para:", "aan:", "宛先:");

    private static final String LINE_LEAD = " \t>*-•·\"'([";

    private NamedRecipients() {
    }

    /**
     * The recipients of {@code returned} (To, Cc) that {@code text} names by their bare names: the one so named,
     * or several when each stands on a line of its own in a list of failed recipients, alone or before a reason
     * ("&lt;tab&gt;nobody (user not found)" and "&lt;tab&gt;colleague (user not found)" under GroupWise's
     * "undeliverable to the following:", AOL AirMail's screen names one per line under "could not be delivered
     * because they are not accepting mail from ...": Perl's Mail::DeliveryStatus::BounceParser, CPAN,
     * {@code p_novell_groupwise} and {@code p_aol_senderblock}, which complete every such line with the
     * reporting domain). Several names anywhere else (a sentence, a label's value) give none: which failed
     * would be a guess.
     */
    static List<String> findAll(String text, HeaderFields returned, Set<String> excluded) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> named = new ArrayList<>();
        boolean allListed = true;
        for (String field : List.of("to", "cc")) {
            for (String value : returned.all(field)) {
                int previousEnd = 0;
                for (Addresses.Found f : Addresses.findAll(value)) {
                    String address = f.address();
                    String display = displayName(value.substring(previousEnd, f.start()));
                    previousEnd = f.end();
                    if (excluded.contains(address) || named.contains(address)) {
                        continue;
                    }
                    String local = address.substring(0, address.indexOf('@'));
                    if (marked(lower, local) || display.length() >= MIN_NAME && marked(lower, display)
                            || marked(lower, compuServeId(local)) || inBangPath(lower, local)) {
                        named.add(address);
                        allListed &= listed(lower, local.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return named.size() <= 1 || allListed ? List.copyOf(named) : List.of();
    }

    /** Whether {@code name} opens a line of {@code text} alone or before a reason, as an entry of a list. */
    private static boolean listed(String text, String name) {
        for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
            int lineStart = text.lastIndexOf('\n', i - 1) + 1;
            int eol = text.indexOf('\n', i);
            String name0 = leadingName(text, lineStart, eol < 0 ? text.length() : eol);
            if (name.equals(name0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The returned recipients (To, Cc) that a block of failed recipients lists by their bare local name
     * beside addresses it writes out: GroupWise's list under "The message that you sent was
     * undeliverable to the following:" holds "&lt;tab&gt;nobody@example.org (user not found)" and
     * "&lt;tab&gt;colleague (user not found)" alike (Mailman's flufl.bounce, {@code _detectors/groupwise.py},
     * takes every line of the first text part; its {@code aol.py} and {@code yale.py} read lines that
     * are a name alone). A block is the run of lines around a line that {@code markedLines} opens with
     * an address, up to a blank line; a name counts only where it opens its line, as a whole word, and
     * stands alone or before a reason ("nobody (user not found)", "nobody... User unknown",
     * "nobody: mailbox unknown", "nobody&lt;tab&gt;Mailbox unknown").
     *
     * @param markedLines where the lines start that open with an address the report marks
     * @param found       addresses already reported, not named again
     */
    static List<Named> inMarkedBlocks(String text, List<Integer> markedLines, Supplier<HeaderFields> returned,
                                      Set<String> excluded, Set<String> found) {
        List<Named> out = new ArrayList<>();
        // the names first, without the returned message: most lists write every recipient out, and reading the
        // returned header block is the costly part
        List<Named> names = new ArrayList<>();
        int scanned = -1;
        for (int marked : markedLines) {
            if (marked <= scanned) {
                continue;
            }
            int start = blockStart(text, marked);
            int end = blockEnd(text, marked);
            scanned = end;
            for (int line = start; line < end; ) {
                int eol = text.indexOf('\n', line);
                eol = eol < 0 || eol > end ? end : eol;
                if (text.lastIndexOf('@', eol - 1) < line) {
                    String name = leadingName(text, line, eol);
                    if (name != null) {
                        names.add(new Named(name, line));
                    }
                }
                line = eol + 1;
            }
        }
        if (names.isEmpty()) {
            return out;
        }
        for (String field : List.of("to", "cc")) {
            for (String value : returned.get().all(field)) {
                for (Addresses.Found f : Addresses.findAll(value)) {
                    String a = f.address();
                    if (excluded.contains(a) || found.contains(a) || Addresses.isMailSystem(a) || containsAddress(out, a)) {
                        continue;
                    }
                    String local = a.substring(0, a.indexOf('@'));
                    for (Named n : names) {
                        if (n.address().equalsIgnoreCase(local)) {
                            out.add(new Named(a, n.lineStart()));
                            break;
                        }
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Named::lineStart));
        return out;
    }

    /** A returned recipient a report names by its local name (or, while collecting, the name), and where its line starts. */
    record Named(String address, int lineStart) {
    }

    private static boolean containsAddress(List<Named> named, String address) {
        return named.stream().anyMatch(n -> n.address().equals(address));
    }

    /** Where the block holding {@code at} starts: the line after the nearest blank line above (or the text's start). */
    private static int blockStart(String text, int at) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        while (lineStart > 0) {
            int prev = text.lastIndexOf('\n', lineStart - 2) + 1;
            if (blank(text, prev, lineStart - 1)) {
                break;
            }
            lineStart = prev;
        }
        return lineStart;
    }

    /** Where the block holding {@code at} ends: at the next blank line (or the text's end). */
    private static int blockEnd(String text, int at) {
        int line = text.indexOf('\n', at);
        while (line >= 0) {
            int next = text.indexOf('\n', line + 1);
            int eol = next < 0 ? text.length() : next;
            if (blank(text, line + 1, eol)) {
                return line + 1;
            }
            line = next;
        }
        return text.length();
    }

    private static boolean blank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #leadingName(String)} of the line {@code text[from, to)}, copying only a name found. */
    static String leadingName(String text, int from, int to) {
        int i = from;
        while (i < to && LINE_LEAD.indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        int j = i;
        while (j < to && isWordChar(text.charAt(j))) {
            j++;
        }
        return j - i < MIN_NAME ? null : leadingName(text.substring(from, to));
    }

    /**
     * The name that opens {@code line} alone or before a reason ("nobody", "nobody (user not found)",
     * "nobody... User unknown", "nobody: ...", "nobody&lt;tab&gt;reason"), or null: a line of prose
     * ("Please check ...") has a single space after its first word.
     */
    static String leadingName(String line) {
        int i = 0;
        while (i < line.length() && LINE_LEAD.indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        int from = i;
        while (i < line.length() && isWordChar(line.charAt(i))) {
            i++;
        }
        int to = i;
        while (to > from && line.charAt(to - 1) == '.') {
            to--; // "nobody..." (Sendmail's local form): the dots are the separator
        }
        if (to - from < MIN_NAME || i < line.length() && line.charAt(i) == '@') {
            return null;
        }
        String rest = line.substring(i);
        boolean alone = rest.isBlank() || rest.startsWith("  ") || rest.startsWith("\t") || rest.startsWith(" (")
                || rest.startsWith(":") || rest.startsWith(" ...") || rest.startsWith(" - ") || line.startsWith("...", to);
        return alone ? line.substring(from, to) : null;
    }

    /** The display name before an address in a header value: "Nobody Example" of {@code , "Nobody Example" <}. */
    private static String displayName(String before) {
        String s = before;
        int comma = s.lastIndexOf(',');
        if (comma >= 0) {
            s = s.substring(comma + 1);
        }
        s = s.strip();
        if (s.endsWith("<")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} stands in {@code text} as a whole word opening its line or right after a colon. */
    private static boolean marked(String text, String name) {
        if (name.length() < MIN_NAME) {
            return false;
        }
        for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
            int end = i + name.length();
            if (i > 0 && isWordChar(text.charAt(i - 1)) || end < text.length() && (isWordChar(text.charAt(end))
                    || text.charAt(end) == '@')) {
                continue;
            }
            int lineStart = text.lastIndexOf('\n', i - 1) + 1;
            String before = strip(text.substring(lineStart, i));
            // IBM VM's "Unknown user id ----> NOBODY" under "Your mail item could not be delivered to the
            // following users" points at the name with an arrow (Sympa's anabounce, bounce-lib.pl, "ibm_vm")
            if (before.isEmpty() || before.endsWith("->")
                    || before.endsWith(":") && !before.contains("from") && !before.contains("sender")
                    && !SUMMARY_LABELS.contains(before)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A CompuServe member's user ID as CompuServe's own reports write it ("Receiver not found: 76543,210"): the
     * Internet address has a dot where the ID has its comma, 76543.210@compuserve.com (Novell TID 1001339 and
     * Microsoft KB Q136413, "Addressing CompuServe Mail users"); an empty string for any other local part.
     */
    private static String compuServeId(String local) {
        int dot = local.indexOf('.');
        if (dot <= 0 || dot == local.length() - 1 || local.indexOf('.', dot + 1) >= 0) {
            return "";
        }
        for (int i = 0; i < local.length(); i++) {
            if (i != dot && !Character.isDigit(local.charAt(i))) {
                return "";
            }
        }
        return local.substring(0, dot) + "," + local.substring(dot + 1);
    }

    /**
     * Whether the text writes the name as the last hop of a UUCP bang path ("550 uucp.example.org!nobody... User
     * unknown"): host!user is user@host in RFC 976's UUCP routing, the form Sympa's anabounce turns back into
     * an address ({@code corrige}); a whole word after a host, the bounce's and the returned message's senders
     * being no recipients of it.
     */
    private static boolean inBangPath(String text, String name) {
        if (name.length() < MIN_NAME) {
            return false;
        }
        String path = "!" + name;
        for (int i = text.indexOf(path); i > 0; i = text.indexOf(path, i + 1)) {
            int end = i + path.length();
            // the name ends at a blank, a bracket, Sendmail's "..." or a sentence's full stop, not inside a longer word
            boolean wordEnds = end == text.length() || !isWordChar(text.charAt(end)) && text.charAt(end) != '@'
                    && text.charAt(end) != '!' || text.charAt(end) == '.'
                    && (end + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(end + 1)));
            if (isWordChar(text.charAt(i - 1)) && wordEnds) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String before) {
        int i = 0;
        while (i < before.length() && LINE_LEAD.indexOf(before.charAt(i)) >= 0) {
            i++;
        }
        return before.substring(i).stripTrailing();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+';
    }
}
