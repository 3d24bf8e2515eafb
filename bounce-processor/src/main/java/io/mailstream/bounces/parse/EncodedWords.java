package io.mailstream.bounces.parse;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B?...?=}, {@code =?charset?Q?...?=}) in header
 * text. Anything malformed or in an unknown charset is left as written; never throws.
 */
final class EncodedWords {
    private EncodedWords() {
    }

    static String decode(String text) {
        int at = text.indexOf("=?");
        if (at < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int copied = 0;
        int lastWordEnd = -1;
        while (at >= 0) {
            int q1 = text.indexOf('?', at + 2);
            int q2 = q1 < 0 ? -1 : text.indexOf('?', q1 + 1);
            int endWord = q2 < 0 ? -1 : text.indexOf("?=", q2 + 1);
            int eol = text.indexOf('\n', at);
            // an encoded word never spans lines (RFC 2047 §2)
            if (endWord < 0 || q2 != q1 + 2 || (eol >= 0 && eol < endWord)) {
                at = text.indexOf("=?", at + 2);
                continue;
            }
            String decoded = word(text.substring(at + 2, q1), text.charAt(q1 + 1), text.substring(q2 + 1, endWord));
            if (decoded == null) {
                at = text.indexOf("=?", at + 2);
                continue;
            }
            // white space between two adjacent encoded words is dropped (RFC 2047 §6.2)
            boolean adjacent = lastWordEnd == copied && text.substring(copied, at).isBlank();
            if (!adjacent) {
                sb.append(text, copied, at);
            }
            sb.append(decoded);
            copied = endWord + 2;
            lastWordEnd = copied;
            at = text.indexOf("=?", copied);
        }
        return sb.append(text, copied, text.length()).toString();
    }

    private static String word(String charsetName, char encoding, String payload) {
        int star = charsetName.indexOf('*'); // RFC 2231 language suffix
        String cs = star >= 0 ? charsetName.substring(0, star) : charsetName;
        Charset charset = TextDecoding.charset(cs).orElse(null);
        if (charset == null) {
            return null;
        }
        byte[] bytes;
        switch (encoding) {
            case 'B', 'b' -> {
                try {
                    bytes = Base64.getMimeDecoder().decode(payload);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            case 'Q', 'q' -> {
                byte[] out = new byte[payload.length()];
                int n = 0;
                for (int i = 0; i < payload.length(); i++) {
                    char c = payload.charAt(i);
                    if (c == '_') {
                        out[n++] = ' ';
                    } else if (c == '=' && i + 2 < payload.length()
                            && Character.digit(payload.charAt(i + 1), 16) >= 0 && Character.digit(payload.charAt(i + 2), 16) >= 0) {
                        out[n++] = (byte) (Character.digit(payload.charAt(i + 1), 16) << 4 | Character.digit(payload.charAt(i + 2), 16));
                        i += 2;
                    } else {
                        out[n++] = (byte) c;
                    }
                }
                bytes = Arrays.copyOf(out, n);
            }
            default -> {
                return null;
            }
        }
        // the header was read as ISO-8859-1 octets; the result is proper text
        return new String(bytes, charset);
    }
}
