package io.mailstream.bounces.parse;

import java.util.List;

/**
 * Finds where a plain-text bounce stops explaining and starts quoting the returned message
 * ("--- Below this line is a copy of the message.", a block of header fields ...), so that the
 * addresses and phrases of the original mail are not mistaken for the failure. Scans line by
 * line with prefix checks: a regex over 64 KiB of text cost more than the rest of the parse.
 *
 * <p>Only a line that introduces the returned message cuts. Sendmail opens its report with "The
 * original message was received at ... from ..." (savemail.c {@code errbody()}): that sentence
 * talks about the original but the diagnostic comes after it, so it is no boundary (issue 16).
 */
final class ReturnedTextCutter {
    /**
     * Sentences that announce the copy wherever they start a line: Exim's "------ This is a copy of
     * the message, including all the headers. ------" (spec, "Bounce messages"), qmail's "--- Below
     * this line is a copy of the message." (qmail-send.c), Sendmail's "----- Original message
     * follows -----" / "----- Message header follows -----" / "----- Unsent message follows -----"
     * (savemail.c), Exchange's "Original message headers:", qmail's "--- Enclosed are the original
     * headers of the message.".
     */
    private static final List<String> INTRODUCTIONS = List.of(
            "this is a copy of", "a copy of the message", "copy of the original message", "copy of your message",
            "below this line is a copy", "original message follows", "original message headers",
            "unsent message follows", "undelivered message follows", "enclosed are the original headers",
            "header of original message", "headers of original message", "headers of the original message",
            "message headers follow", "message header follows", "content-type: message/rfc822");
    /**
     * Headings that cut only when they stand alone between decoration ("-----Original Message-----",
     * Domino's "------- Returned Message --------"): "Original message was received at ..." or
     * "Original Message Details" (Microsoft 365, followed by its Error Details) go on explaining.
     */
    private static final List<String> HEADINGS = List.of(
            "original message", "returned message", "undelivered message", "unsent message", "undeliverable message");
    /** What may frame a marker on its line: dashes, stars, equals signs, quoting, punctuation. */
    private static final String DECORATION = " \t\r>-=*_.:";
    private static final List<String> HEADER_DUMP = List.of(
            "received: ", "return-path: ", "dkim-signature: ", "x-received: ", "arc-seal: ",
            "authentication-results: ", "message-id: ", "mime-version: ");

    /**
     * Which ASCII letters start a marker or header name: most lines start with none of them, and
     * ruling them out by one table look-up spares 26 case-insensitive comparisons per line
     * (slow ones on UTF-16 text such as Japanese bounces).
     */
    private static final boolean[] FIRST = new boolean[128];

    static {
        for (List<String> list : List.of(INTRODUCTIONS, HEADINGS, HEADER_DUMP)) {
            for (String m : list) {
                char c = m.charAt(0);
                FIRST[c] = true;
                FIRST[Character.toUpperCase(c)] = true;
            }
        }
    }

    private ReturnedTextCutter() {
    }

    static String cut(String text) {
        return cut(text, true);
    }

    /**
     * {@code text} up to the line that introduces the returned copy. {@code inlineCopy}: whether the copy may follow
     * in the same text; when the bounce attaches it as a part of its own (message/rfc822, text/rfc822-headers: RFC
     * 3462 reports, most MIME bounces) the text's own headings do not have to be read for what they say
     * ({@link CopyIntroduction}), only the known markers and header dumps.
     */
    static String cut(String text, boolean inlineCopy) {
        int start = 0;
        int len = text.length();
        while (start < len) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            if (start > 0 && isBoundary(text, start, end, inlineCopy)) {
                return text.substring(0, start);
            }
            start = end + 1;
        }
        return text;
    }

    private static boolean isBoundary(String text, int start, int end, boolean inlineCopy) {
        int i = start;
        while (i < end && " \t>-=*_".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        if (i == end) {
            return false;
        }
        if (inlineCopy && CopyIntroduction.at(text, i, end)) {
            return true;
        }
        char first = text.charAt(i);
        if (first >= 128 || !FIRST[first]) {
            return false;
        }
        // only the markers starting with the line's first character are compared whole
        char lower = Character.toLowerCase(first);
        if (i == start) {
            for (String h : HEADER_DUMP) {
                if (Character.toLowerCase(h.charAt(0)) == lower && text.regionMatches(true, i, h, 0, h.length())) {
                    return true;
                }
            }
        }
        for (String m : INTRODUCTIONS) {
            if (Character.toLowerCase(m.charAt(0)) == lower && text.regionMatches(true, i, m, 0, m.length())) {
                return true;
            }
        }
        for (String m : HEADINGS) {
            if (Character.toLowerCase(m.charAt(0)) == lower && text.regionMatches(true, i, m, 0, m.length())
                    && onlyDecoration(text, i + m.length(), end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onlyDecoration(String text, int from, int end) {
        for (int i = from; i < end; i++) {
            if (DECORATION.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
