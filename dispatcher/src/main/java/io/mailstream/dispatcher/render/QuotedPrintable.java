package io.mailstream.dispatcher.render;

import java.io.ByteArrayOutputStream;

/**
 * Quoted-printable encoding of text (RFC 2045 §6.7) from CRLF-canonical bytes straight into the
 * message buffer: line breaks stay CRLF (rule 4), '=' and bytes outside printable ASCII become
 * {@code =XX} (rules 1-2), a space or tab ending a line is encoded (rule 3), and soft line breaks
 * keep every encoded line within 76 characters (rule 5). Jakarta Mail's encoder stream does the
 * same a byte and a virtual call at a time; this was its cost in a delivery worker's profile.
 */
final class QuotedPrintable {
    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private QuotedPrintable() {
    }

    /** @param text CRLF-canonical: a CR or LF not in a CRLF pair is encoded like any control byte */
    static void encode(byte[] text, ByteArrayOutputStream out) {
        int column = 0;
        for (int i = 0; i < text.length; i++) {
            int b = text[i] & 0xff;
            if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                out.write('\r');
                out.write('\n');
                column = 0;
                i++;
                continue;
            }
            boolean endOfLine = i + 1 == text.length || (text[i + 1] == '\r' && i + 2 < text.length && text[i + 2] == '\n');
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !endOfLine);
            int width = literal ? 1 : 3;
            // Rule 5: room for the '=' of a soft break at the end of a full line, unless the line ends here anyway.
            int limit = endOfLine ? MAX_LINE : MAX_LINE - 1;
            if (column + width > limit) {
                out.write('=');
                out.write('\r');
                out.write('\n');
                column = 0;
            }
            if (literal) {
                out.write(b);
            } else {
                out.write('=');
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0xf]);
            }
            column += width;
        }
    }
}
