package io.mailstream.schemas.serde;

import java.util.HexFormat;

/** Hex literals with spaces and line breaks, so golden bytes can be laid out field by field. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
