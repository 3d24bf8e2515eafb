package io.mailstream.bounces.parse;

/**
 * Normalises CRLF (maildir/dos) and lone CR (classic Mac) line endings to LF, which our MIME and
 * field parsers read alike. Most mail arrives with one convention; text without a CR is
 * returned as it is, without a copy.
 */
final class LineEndings {
    private LineEndings() {
    }

    static String normalize(String s) {
        int cr = s.indexOf('\r');
        if (cr < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int from = 0;
        while (cr >= 0) {
            sb.append(s, from, cr).append('\n');
            from = cr + 1;
            if (from < s.length() && s.charAt(from) == '\n') {
                from++;
            }
            cr = s.indexOf('\r', from);
        }
        return sb.append(s, from, s.length()).toString();
    }
}
