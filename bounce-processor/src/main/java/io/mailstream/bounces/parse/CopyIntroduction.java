package io.mailstream.bounces.parse;

import java.util.List;

/**
 * Recognises a line that introduces the returned copy of the message by what it says rather than by
 * its exact words: a short line that names the message (or its header) and ends on a word saying it
 * comes next, or ends with a colon after a phrase naming the copy (issue 16). The end sentences that
 * Mailman's flufl.bounce stops reading a report at ({@code _detectors/simplematch.py}) are all of this
 * form, from many MTAs: "--------RETURNED MAIL FOLLOWS--------" (usa.net), "Original message attached"
 * (hotpop), "Message text follows:" (Smail), "--- Below the next line is a copy of the message."
 * (newmail.ru), "A copy of the original message below this line:" (EarthLink), "-- The header and top
 * 20 lines of the message follows --", "Old message:" (Microsoft SMTPSVC), "Your message reads (in
 * part):", "Included is a copy of the message header:", "Here is your returned mail:"; the {@code
 * smtp32.py} and {@code postfix.py} detectors stop at "original message follows" likewise.
 *
 * <p>Never a boundary: a line about the delivery ("The following message could not be delivered:",
 * "Your mail could not be delivered; details follow"), which names the failure, not the copy; the
 * session transcript ("----- Transcript of session follows -----"), which names no message; and
 * Sendmail's "The original message was received at ..." (no closing cue).
 */
final class CopyIntroduction {
    /** Longest core (the line without its decoration) read: an introduction is a heading, not a paragraph. */
    private static final int MAX_CORE = 90;
    /** What may frame an introduction on its line. */
    private static final String FRAME = " \t\r>-=*_.|:";
    /** What names the copy in a line ending on such a cue, as whole words ("email admin" names no copy). */
    private static final List<String> COPY_NOUNS = List.of("message", "mail", "header", "headers");
    /** Phrases that name the copy in a heading ending with a colon ("Old message:", "Here is your returned mail:"). */
    private static final Words COPY_PHRASES = Words.of("copy of", "old message", "returned mail", "returned message",
            "original message", "message reads", "message header", "message text", "undelivered message");
    private static final Words COPY_OF = Words.of("copy of");
    /** Words of a sentence about the failure itself: such a line goes on explaining. */
    private static final Words FAILURE_WORDS = Words.of("not ", "fail", "deliver", "error", "reason", "unable",
            "could", "transcript", "session", "log", "delay");

    private CopyIntroduction() {
    }

    /** Whether the line {@code text[start, end)} (from its first character past indentation) introduces the returned copy. */
    static boolean at(String text, int start, int end) {
        int a = start;
        while (a < end && isFrame(text.charAt(a))) {
            a++;
        }
        // an introduction is a heading that starts with a capital letter; the wrapped end of a sentence ("delete
        // your own text from the message returned below.") starts in lower case. Most lines stop here.
        if (a == end || !Character.isUpperCase(text.charAt(a)) || end - a > MAX_CORE + 40) {
            return false;
        }
        int b = end;
        boolean colon = false;
        while (b > a && isFrame(text.charAt(b - 1))) {
            colon |= text.charAt(b - 1) == ':';
            b--;
        }
        if (b - a < 8 || b - a > MAX_CORE) {
            return false;
        }
        // "Below the next line is a copy of the message." / "START OF RETURNED MESSAGE" / "End of message": the
        // cue opens the line; other lines need a colon or a closing cue ("follows", "below", "attached", "reads")
        char first = text.charAt(a);
        boolean opening = (first == 'B' || first == 'S' || first == 'E') && (startsWith(text, a, b, "below")
                || startsWith(text, a, b, "start of") || startsWith(text, a, b, "end of message"));
        boolean cue = endsWithCue(text, a, b);
        if (!cue && !colon && !opening) {
            return false;
        }
        // read in place, without copying the line: the cutter asks this of every line of the text (the bounded
        // field-label check first, the scan for failure words after it)
        if (fieldLabel(text, a, b) || containsAny(text, a, b, FAILURE_WORDS)) {
            return false;
        }
        if (cue) {
            return containsWord(text, a, b, COPY_NOUNS);
        }
        if (colon && containsAny(text, a, b, COPY_PHRASES)) {
            return true;
        }
        return startsWith(text, a, b, "below") && containsAny(text, a, b, COPY_OF)
                || startsWith(text, a, b, "start of") && containsWord(text, a, b, COPY_NOUNS)
                || b - a == "end of message".length() && startsWith(text, a, b, "end of message");
    }

    private static final boolean[] FRAMES = new boolean[128];

    static {
        for (char c : FRAME.toCharArray()) {
            FRAMES[c] = true;
        }
    }

    private static boolean isFrame(char c) {
        return c < 128 && FRAMES[c];
    }

    /** Whether the line is a field ("Subject: ... attached"): a summary of the message, not its copy. */
    private static boolean fieldLabel(String text, int a, int b) {
        int limit = Math.min(b, a + 21);
        for (int i = a; i < limit; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i > a;
            }
            if (!Character.isLetter(c) && c != '-') {
                return false;
            }
        }
        return false;
    }

    private static boolean startsWith(String text, int a, int b, String word) {
        return b - a >= word.length() && text.regionMatches(true, a, word, 0, word.length());
    }

    /**
     * Whether the line ends on a word saying the copy comes next ("follows", "follow", "is following", "attached",
     * "below", "below this line", "reads", "reads (in part)").
     */
    private static boolean endsWithCue(String text, int a, int b) {
        // only the cues ending in the line's last letter are compared (this is asked of many lines)
        return switch (Character.toLowerCase(text.charAt(b - 1))) {
            case 's' -> endsWith(text, a, b, "follows") || endsWith(text, a, b, "reads");
            case 'w' -> endsWith(text, a, b, "follow") || endsWith(text, a, b, "below");
            case 'g' -> endsWith(text, a, b, "is following");
            case 'd' -> endsWith(text, a, b, "attached");
            case 'e' -> endsWith(text, a, b, "below this line");
            case ')' -> endsWith(text, a, b, "reads (in part)");
            default -> false;
        };
    }

    /** Whether {@code text[a, b)} ends with the word {@code cue} (a whole word: the line or a space before it). */
    private static boolean endsWith(String text, int a, int b, String cue) {
        int from = b - cue.length();
        return from >= a && text.regionMatches(true, from, cue, 0, cue.length())
                && (from == a || text.charAt(from - 1) == ' ');
    }

    private static boolean containsWord(String text, int a, int b, List<String> words) {
        for (String w : words) {
            for (int i = a; i + w.length() <= b; i++) {
                int end = i + w.length();
                if (text.regionMatches(true, i, w, 0, w.length()) && (i == a || !Character.isLetter(text.charAt(i - 1)))
                        && (end == b || !Character.isLetter(text.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsAny(String text, int a, int b, Words words) {
        // one pass over the line; the whole word compared only where its first letter stands (a case-insensitive
        // comparison at every position is slow on texts that are not Latin-1), and an ASCII character that starts
        // none of the words passed by one table look-up
        for (int i = a; i < b; i++) {
            char t = text.charAt(i);
            if (t < 128 && !words.startsAscii[t]) {
                continue;
            }
            char c = Character.toLowerCase(t);
            for (String w : words.list) {
                if (w.charAt(0) == c && i + w.length() <= b && text.regionMatches(true, i, w, 0, w.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Words looked for in a line, with the ASCII characters whose lower case starts one of them. */
    private record Words(List<String> list, boolean[] startsAscii) {
        static Words of(String... words) {
            List<String> list = List.of(words);
            boolean[] starts = new boolean[128];
            for (char t = 0; t < 128; t++) {
                for (String w : list) {
                    starts[t] |= w.charAt(0) == Character.toLowerCase(t);
                }
            }
            return new Words(list, starts);
        }
    }
}
