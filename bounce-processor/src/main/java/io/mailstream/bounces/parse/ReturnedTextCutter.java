package io.mailstream.bounces.parse;

import java.util.List;

/**
 * Finds where a plain-text bounce stops explaining and starts quoting the returned message
 * ("--- Below this line is a copy of the message.", a block of header fields ...), so that the
 * addresses and phrases of the original mail are not mistaken for the failure. Scans line by
 * line with prefix checks: a regex over 64 KiB of text cost more than the rest of the parse.
 */
final class ReturnedTextCutter {
    private static final List<String> MARKERS = List.of(
            "this is a copy of", "a copy of the message", "copy of the original message", "copy of your message",
            "below this line is a copy", "original message follows", "original message headers", "original message",
            "the original message was", "returned message", "undelivered message", "unsent message",
            "undeliverable message", "header of original message", "headers of original message",
            "headers of the original message", "message headers follow", "content-type: message/rfc822");
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
        for (List<String> list : List.of(MARKERS, HEADER_DUMP)) {
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
        int start = 0;
        int len = text.length();
        while (start < len) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            if (start > 0 && isBoundary(text, start, end)) {
                return text.substring(0, start);
            }
            start = end + 1;
        }
        return text;
    }

    private static boolean isBoundary(String text, int start, int end) {
        int i = start;
        while (i < end && " \t>-=*_".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        if (i == end) {
            return false;
        }
        char first = text.charAt(i);
        if (first >= 128 || !FIRST[first]) {
            return false;
        }
        if (i == start) {
            for (String h : HEADER_DUMP) {
                if (text.regionMatches(true, i, h, 0, h.length())) {
                    return true;
                }
            }
        }
        for (String m : MARKERS) {
            if (text.regionMatches(true, i, m, 0, m.length())) {
                return true;
            }
        }
        return false;
    }
}
