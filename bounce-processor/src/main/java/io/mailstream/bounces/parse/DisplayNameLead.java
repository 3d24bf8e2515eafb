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

    /** Whether {@code lead}, the text from its line's start to an address, is only a display name and its separator. */
    static boolean only(String lead) {
        int i = 0;
        while (i < lead.length() && LINE_LEAD.indexOf(lead.charAt(i)) >= 0) {
            i++;
        }
        String s = lead.substring(i).stripTrailing();
        if (s.endsWith("<")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        } else if (s.endsWith(",")) {
            s = s.substring(0, s.length() - 1);
        } else {
            return false;
        }
        if (s.isEmpty() || s.length() > MAX_CHARS) {
            return false;
        }
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            return s.indexOf('"', 1) == s.length() - 1;
        }
        String[] words = s.split(" ");
        if (words.length > MAX_WORDS) {
            return false;
        }
        for (String w : words) {
            if (!capitalisedWord(w)) {
                return false;
            }
        }
        return true;
    }

    /** "Nobody", "O'Brien", "J.", "Smith-Jones", "SMTP": a capital letter, then letters, dots, hyphens, apostrophes. */
    private static boolean capitalisedWord(String w) {
        if (w.isEmpty() || !Character.isUpperCase(w.charAt(0))) {
            return false;
        }
        for (int i = 1; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!Character.isLetter(c) && c != '.' && c != '-' && c != '\'') {
                return false;
            }
        }
        return true;
    }
}
