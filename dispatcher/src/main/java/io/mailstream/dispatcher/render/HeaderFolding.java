package io.mailstream.dispatcher.render;

/**
 * Folds a header field body at whitespace (RFC 5322 §2.2.3) so that lines stay within 76
 * characters where the text allows. For values {@link HeaderGuard} has already checked (no CR or
 * LF): Jakarta Mail's {@code MimeUtility.fold} first rebuilds the string to make it safe, which
 * showed up as a tenth of a delivery worker's CPU in {@code bench delivery}.
 *
 * <p>Two rules hold for every result: no line is whitespace only (RFC 5322 §3.2.2 forbids it: a
 * receiver may take it for the end of the header), and no line is longer than 998 octets
 * (RFC 5322 §2.1.1). A value with an unbreakable word too long for that is refused with a
 * {@link RenderException}, not cut: cutting inside a word changes what the receiver reads.
 */
final class HeaderFolding {
    private static final int LINE = 76;
    /** RFC 5322 §2.1.1: a line, CRLF excluded. */
    static final int MAX_LINE = 998;

    private HeaderFolding() {
    }

    /**
     * @param messageId for the error
     * @param name      the field name; the first line also holds it, a colon and a space
     */
    static String fold(String messageId, String name, String value) {
        int used = name.length() + 2;
        if (used + value.length() <= LINE) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        int start = 0;
        int column = used;
        while (column + (value.length() - start) > LINE) {
            int at = lastBreak(value, start + 1, Math.min(value.length() - 1, start + LINE - column));
            if (at < 0) {
                // A word longer than the line: break after it instead (the line is long, but legal up to 998).
                at = firstBreak(value, start + 1);
                if (at < 0) {
                    break;
                }
            }
            requireWithinLimit(messageId, name, column + at - start);
            out.append(value, start, at).append("\r\n");
            start = at; // the whitespace starts the continuation line
            column = 0;
        }
        requireWithinLimit(messageId, name, column + value.length() - start);
        return out.append(value, start, value.length()).toString();
    }

    private static void requireWithinLimit(String messageId, String name, int length) {
        if (length > MAX_LINE) {
            throw new RenderException(messageId, "header " + name + " has a word too long to fold into a line of at most "
                    + MAX_LINE + " octets (RFC 5322 §2.1.1; the line would be " + length
                    + "); shorten the value or put spaces in it");
        }
    }

    // A break goes before whitespace that follows a word and is followed by another word later on, so the
    // line before it ends in a word and the continuation line reaches one: neither is whitespace only.
    private static boolean isBreak(String s, int i) {
        if (!isWhitespace(s.charAt(i)) || isWhitespace(s.charAt(i - 1))) {
            return false;
        }
        for (int j = i + 1; j < s.length(); j++) {
            if (!isWhitespace(s.charAt(j))) {
                return true;
            }
        }
        return false;
    }

    private static int lastBreak(String s, int from, int to) {
        for (int i = to; i >= from; i--) {
            if (isBreak(s, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int firstBreak(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (isBreak(s, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
