package io.mailstream.dispatcher.render;

/**
 * Chooses the Content-Transfer-Encoding (RFC 2045 §6) of a UTF-8 text part from the text itself,
 * by the same rule Jakarta Mail applies: 7bit when every byte is printable US-ASCII and no line
 * passes 998 octets (RFC 5322 §2.1.1), quoted-printable when most bytes are ASCII, base64
 * otherwise. {@link MimeWriter} encodes each part by it; {@code TransferEncodingTest} holds it to
 * Jakarta Mail's own choice.
 */
final class TransferEncoding {
    static final String SEVEN_BIT = "7bit";
    static final String QUOTED_PRINTABLE = "quoted-printable";
    static final String BASE64 = "base64";
    private static final int MAX_LINE_OCTETS = 998;

    private TransferEncoding() {
    }

    /** @param bytes the text, encoded in UTF-8 */
    static String forUtf8(byte[] bytes) {
        int ascii = 0;
        int nonAscii = 0;
        int lineLength = 0;
        boolean longLine = false;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\r' || c == '\n') {
                lineLength = 0;
            } else if (++lineLength > MAX_LINE_OCTETS) {
                longLine = true;
            }
            if (isNonAscii(c)) {
                nonAscii++;
            } else {
                ascii++;
            }
        }
        if (nonAscii == 0) {
            return longLine ? QUOTED_PRINTABLE : SEVEN_BIT;
        }
        return ascii > nonAscii ? QUOTED_PRINTABLE : BASE64;
    }

    // Control characters other than CR, LF and TAB cannot travel as 7bit either.
    private static boolean isNonAscii(int c) {
        return c >= 0x7f || (c < 0x20 && c != '\r' && c != '\n' && c != '\t');
    }
}
