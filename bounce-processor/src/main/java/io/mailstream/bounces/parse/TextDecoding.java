package io.mailstream.bounces.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Decodes part bodies, surviving unknown or wrong charsets. */
final class TextDecoding {
    // Charset.forName caches two names; every other lookup (and every unknown name) walks the
    // charset providers again. Bounces use few charsets: remember them, bounded.
    private static final int MAX_CACHED = 256;
    private static final ConcurrentHashMap<String, Optional<Charset>> CHARSETS = new ConcurrentHashMap<>();

    private TextDecoding() {
    }

    /** The charset named {@code name} (quotes and blanks ignored), if Java knows it. */
    static Optional<Charset> charset(String name) {
        String key = name.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        Optional<Charset> cs = CHARSETS.get(key);
        if (cs == null) {
            try {
                cs = Optional.of(Charset.forName(key));
            } catch (IllegalArgumentException e) {
                cs = Optional.empty();
            }
            if (CHARSETS.size() < MAX_CACHED) {
                CHARSETS.put(key, cs);
            }
        }
        return cs;
    }

    /** Charset families whose bytes below 0x80 (ESC aside) are ASCII: a 7-bit text decodes to itself. */
    private static final List<String> ASCII_COMPATIBLE = List.of("US-ASCII", "UTF-8", "ISO-8859-",
            "windows-125", "ISO-2022-", "EUC-", "GB2312", "GBK", "GB18030", "Big5", "KOI8-");

    /**
     * Whether 7-bit text without ESC in charset {@code name} is its own decoding: true for no
     * charset (read as UTF-8) and for known ASCII-compatible ones; false for unknown names, so
     * that {@link #decode} still reports them.
     */
    static boolean isAsciiCompatible(String name) {
        if (name == null || name.isBlank()) {
            return true;
        }
        Optional<Charset> cs = charset(name);
        if (cs.isEmpty()) {
            return false;
        }
        String canonical = cs.get().name();
        for (String prefix : ASCII_COMPATIBLE) {
            if (canonical.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes with the declared charset; an unknown or unsupported one falls back to UTF-8 (most
     * bounces are ASCII, and the phrases we match are) and is noted as a problem.
     */
    static String decode(byte[] bytes, String charsetName, List<String> problems) {
        if (charsetName == null || charsetName.isBlank()) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        Optional<Charset> cs = charset(charsetName);
        if (cs.isEmpty()) {
            problems.add("unknown charset '" + charsetName.strip().replace("\"", "") + "', decoded as UTF-8");
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return new String(bytes, cs.get());
    }
}
