package io.mailstream.bounces.parse;

/**
 * Whether the text before an address on its line is only the recipient's display name, so that the
 * address counts as opening its line: Exchange 2000's "Nobody Example &lt;nobody@example.org&gt; on
 * 3/2/2026" under "The following recipient(s) could not be reached:", the quoted {@code "Nobody"
 * &lt;nobody@example.org&gt;} of the lists Mailman's flufl.bounce reads as any bracketed address of the
 * block ({@code _detectors/simplematch.py}, {@code caiwireless.py}, {@code netscape.py}), and LLNL's
 * Sendmail "Nobody Example, nobody@example.org, user unknown" ({@code _detectors/llnl.py}).
 *
 * <p>A display name is quoted, or one to four capitalised words (initials and all-capital words
 * included); a lower-case phrase ("send complaints to &lt;abuse@...&gt;") is prose, not a name. A name
 * stands before "&lt;" or, unbracketed, before ", ".
 */
final class DisplayNameLead {
    private static final String LINE_LEAD = " \t>*-\u2022\u00b7";
    private static final int MAX_WORDS = 4;
    private static final int MAX_CHARS = 64;

    private DisplayNameLead() {
    }

    /** Whether {@code text[from, to)}, from its line's start to an address, is only a display name and its separator. */
    static boolean only(String text, int from, int to) {
        int a = from;
        while (a < to && LINE_LEAD.indexOf(text.charAt(a)) >= 0) {
            a++;
        }
        int b = to;
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        // a name needs its separator: "<" before a bracketed address, "," before a bare one (checked without
        // copying the text: this is asked of every address that does not open its line)
        if (b == a || text.charAt(b - 1) != '<' && text.charAt(b - 1) != ',') {
            return false;
        }
        boolean bracket = text.charAt(b - 1) == '<';
        b--;
        while (bracket && b > a && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        if (b == a || b - a > MAX_CHARS) {
            return false;
        }
        if (text.charAt(a) == '"') {
            return b - a >= 2 && text.charAt(b - 1) == '"' && text.indexOf('"', a + 1) == b - 1;
        }
        // one to four capitalised words separated by single spaces, read in place
        int words = 0;
        for (int i = a; i < b; ) {
            int end = text.indexOf(' ', i);
            end = end < 0 || end > b ? b : end;
            if (++words > MAX_WORDS || !capitalisedWord(text, i, end)) {
                return false;
            }
            i = end + 1;
        }
        return true;
    }

    /** "Nobody", "O'Brien", "J.", "Smith-Jones", "SMTP": a capital letter, then letters, dots, hyphens, apostrophes. */
    private static boolean capitalisedWord(String text, int from, int to) {
        if (from >= to || !Character.isUpperCase(text.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c) && c != '.' && c != '-' && c != '\'') {
                return false;
            }
        }
        return true;
    }
}
