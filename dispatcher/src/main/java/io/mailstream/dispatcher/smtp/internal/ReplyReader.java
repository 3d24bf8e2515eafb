package io.mailstream.dispatcher.smtp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies (RFC 5321 §4.2): {@code code-text} lines up to a {@code code text} line, CRLF
 * (or bare LF) ended. Bounded: a line longer than {@link #MAX_LINE_LENGTH} bytes or a reply of more
 * than {@link #MAX_LINES} lines fails with {@link SmtpProtocolException}, so an endless
 * {@code 250-} stream cannot exhaust the heap. RFC 5321 §4.5.3.1.5 allows 512 octets per reply line;
 * the limits leave room for servers that exceed it. Not thread-safe.
 */
public final class ReplyReader {
    static final int MAX_LINE_LENGTH = 4096;
    static final int MAX_LINES = 128;

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE_LENGTH];

    /** @param in buffered: this reads a byte at a time */
    public ReplyReader(InputStream in) {
        this.in = in;
    }

    public Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String l = readLine();
            if (l.length() < 3 || (l.length() > 3 && l.charAt(3) != ' ' && l.charAt(3) != '-')) {
                throw SmtpProtocolException.malformed(l);
            }
            int c = parseCode(l);
            if (code == -1) {
                code = c;
            } else if (c != code) {
                throw SmtpProtocolException.codeChanged(code, c);
            }
            if (lines.size() == MAX_LINES) {
                throw SmtpProtocolException.tooLong("line count", MAX_LINES);
            }
            lines.add(l.length() > 4 ? l.substring(4) : "");
            if (l.length() == 3 || l.charAt(3) == ' ') {
                return new Reply(code, lines);
            }
        }
    }

    private static int parseCode(String l) throws SmtpProtocolException {
        int c = 0;
        for (int i = 0; i < 3; i++) {
            char d = l.charAt(i);
            if (d < '0' || d > '9') {
                throw SmtpProtocolException.malformed(l);
            }
            c = c * 10 + (d - '0');
        }
        if (c < 200 || c > 599) {
            throw SmtpProtocolException.malformed(l);
        }
        return c;
    }

    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server" + (n > 0 ? " in the middle of a reply" : ""));
            }
            if (b == '\n') {
                int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                // Replies are ASCII (RFC 5321 §4.2); anything else is shown, not trusted.
                return new String(line, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (n == MAX_LINE_LENGTH) {
                throw SmtpProtocolException.tooLong("line length", MAX_LINE_LENGTH);
            }
            line[n++] = (byte) b;
        }
    }
}
