package io.mailstream.bounces.parse;

import java.nio.charset.StandardCharsets;

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

    /**
     * The first {@code length} octets of {@code raw} as ISO-8859-1 text (one char per octet), its line
     * endings normalised as {@link #normalize} does: the octets are rewritten before the one decoding,
     * so a CRLF message is not copied once as text with CRs and again without.
     */
    static String normalizedLatin1(byte[] raw, int length) {
        int cr = indexOfCr(raw, 0, length);
        if (cr < 0) {
            return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[length];
        System.arraycopy(raw, 0, out, 0, cr);
        int n = cr;
        int from = cr;
        while (cr >= 0) {
            out[n++] = '\n';
            from = cr + 1;
            if (from < length && raw[from] == '\n') {
                from++;
            }
            cr = indexOfCr(raw, from, length);
            int runEnd = cr < 0 ? length : cr;
            System.arraycopy(raw, from, out, n, runEnd - from);
            n += runEnd - from;
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static int indexOfCr(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == '\r') {
                return i;
            }
        }
        return -1;
    }
}
