package io.mailstream.bounces.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Reads part bodies with a byte cap and decodes them, surviving unknown or wrong charsets. */
final class TextDecoding {
    private TextDecoding() {
    }

    /** Reads at most {@code max} bytes; {@code truncated[0]} is set when more were available. */
    static byte[] readCapped(InputStream in, int max, boolean[] truncated) throws IOException {
        byte[] buf = new byte[Math.min(max, 8192)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (buf.length >= max) {
                    truncated[0] = in.read() >= 0;
                    break;
                }
                buf = Arrays.copyOf(buf, Math.min(max, buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /**
     * Decodes with the declared charset; an unknown or unsupported one falls back to UTF-8 (most
     * bounces are ASCII, and the phrases we match are) and is noted as a problem.
     */
    static String decode(byte[] bytes, String charsetName, List<String> problems) {
        if (charsetName == null || charsetName.isBlank()) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        String name = charsetName.strip().replace("\"", "");
        try {
            return new String(bytes, Charset.forName(name));
        } catch (IllegalArgumentException e) {
            problems.add("unknown charset '" + name + "', decoded as UTF-8");
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
