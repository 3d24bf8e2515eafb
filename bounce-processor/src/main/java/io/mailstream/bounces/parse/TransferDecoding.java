package io.mailstream.bounces.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Undoes a Content-Transfer-Encoding (RFC 2045 §6: base64, quoted-printable; 7bit, 8bit and
 * binary are identity) of a body slice, producing at most {@code max} octets. Malformed input
 * never throws: a broken base64 body is returned raw and flagged.
 */
final class TransferDecoding {
    private TransferDecoding() {
    }

    record Result(byte[] bytes, boolean truncated, boolean broken) {
    }

    /** {@code s} holds octets as ISO-8859-1 chars; the body is {@code s[start, end)}. */
    static Result decode(String s, int start, int end, String encoding, int max) {
        return switch (encoding) {
            case "base64" -> base64(s, start, end, max);
            case "quoted-printable" -> quotedPrintable(s, start, end, max);
            default -> raw(s, start, end, max);
        };
    }

    private static Result raw(String s, int start, int end, int max) {
        int n = Math.min(end - start, max);
        return new Result(s.substring(start, start + n).getBytes(StandardCharsets.ISO_8859_1), end - start > max, false);
    }

    private static Result base64(String s, int start, int end, int max) {
        // 4 chars carry 3 octets; allow for line breaks, then cut on a 4-char group
        byte[] in = new byte[Math.min(end - start, max / 3 * 4 + max / 38 + 8)];
        int n = 0;
        int i = start;
        for (; i < end && n < in.length; i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                in[n++] = (byte) c;
            } else if (c == '=') {
                break; // padding: the data ends here
            }
        }
        boolean more = false;
        for (int j = i; j < end && !more; j++) {
            char c = s.charAt(j);
            more = c != '=' && c > ' ';
        }
        int usable = n - n % 4;
        if (n % 4 > 1 && !more) {
            usable = n; // unpadded final group: decode it without padding
        }
        try {
            byte[] out = Base64.getDecoder().decode(Arrays.copyOf(in, usable));
            boolean truncated = more || out.length > max;
            return new Result(out.length > max ? Arrays.copyOf(out, max) : out, truncated, false);
        } catch (IllegalArgumentException e) {
            Result r = raw(s, start, end, max);
            return new Result(r.bytes(), r.truncated(), true);
        }
    }

    private static Result quotedPrintable(String s, int start, int end, int max) {
        byte[] out = new byte[Math.min(end - start, max)];
        int n = 0;
        int i = start;
        while (i < end && n < out.length) {
            char c = s.charAt(i);
            if (c == '=') {
                if (i + 1 < end && s.charAt(i + 1) == '\n') {
                    i += 2; // soft line break
                    continue;
                }
                int hi = i + 2 < end ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo >= 0) {
                    out[n++] = (byte) (hi << 4 | lo);
                    i += 3;
                    continue;
                }
                // trailing blanks before a soft break, or a stray '=': keep it as written
                int j = i + 1;
                while (j < end && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                    j++;
                }
                if (j < end && s.charAt(j) == '\n') {
                    i = j + 1;
                    continue;
                }
            }
            out[n++] = (byte) c;
            i++;
        }
        return new Result(n == out.length ? out : Arrays.copyOf(out, n), i < end, false);
    }
}
