package io.mailstream.bounces.parse;

import java.util.Arrays;

/**
 * Normalises CRLF (maildir/dos) and lone CR (classic Mac) line endings to LF, which Jakarta Mail
 * and our field parsers read alike, and caps the length at the same time (one copy, one pass).
 */
final class LineEndings {
    private LineEndings() {
    }

    static byte[] normalize(byte[] raw, int maxBytes) {
        int len = Math.min(raw.length, maxBytes);
        byte[] out = new byte[len];
        int n = 0;
        for (int i = 0; i < len; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out[n++] = '\n';
                if (i + 1 < len && raw[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = b;
            }
        }
        return n == len ? out : Arrays.copyOf(out, n);
    }
}
