package io.mailstream.dispatcher.render;

/**
 * Folds a header field body at whitespace (RFC 5322 §2.2.3) so that lines stay within 76
 * characters where the text allows. For values {@link HeaderGuard} has already checked (no CR or
 * LF): Jakarta Mail's {@code MimeUtility.fold} first rebuilds the string to make it safe, which
 * showed up as a tenth of a delivery worker's CPU in {@code bench delivery}.
 */
final class HeaderFolding {
    private static final int LINE = 76;

    private HeaderFolding() {
    }

    /** @param used characters already on the first line (the field name, colon and space) */
    static String fold(int used, String value) {
        if (used + value.length() <= LINE) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        int start = 0;
        int column = used;
        while (column + (value.length() - start) > LINE) {
            int at = lastWhitespace(value, start + 1, Math.min(value.length() - 1, start + LINE - column));
            if (at < 0) {
                // A word longer than the line: break after it instead (the line is long, but legal up to 998).
                at = firstWhitespace(value, start + 1);
                if (at < 0) {
                    break;
                }
            }
            out.append(value, start, at).append("\r\n");
            start = at; // the whitespace starts the continuation line
            column = 0;
        }
        return out.append(value, start, value.length()).toString();
    }

    private static int lastWhitespace(String s, int from, int to) {
        for (int i = to; i >= from; i--) {
            if (isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int firstWhitespace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
