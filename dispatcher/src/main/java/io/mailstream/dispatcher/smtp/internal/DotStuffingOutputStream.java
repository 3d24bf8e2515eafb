package io.mailstream.dispatcher.smtp.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a message into DATA content (RFC 5321 §4.5.2) on its way out: a line that starts with "."
 * gets another one, lines end in CRLF (a bare CR or LF becomes CRLF, §2.3.8), and {@link #finish()}
 * ends the content with CRLF "." CRLF. The bytes are otherwise passed as they are, so a DKIM
 * signature over them stays valid. Does not close or flush the stream underneath. Not thread-safe.
 */
public final class DotStuffingOutputStream extends OutputStream {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] END = {DOT, CR, LF};

    private final OutputStream out;
    private boolean lineStart = true;
    private boolean pendingCr; // the last byte was a CR; whether an LF follows is not known yet

    public DotStuffingOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int from = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (pendingCr) {
                pendingCr = false;
                if (c == LF) {
                    lineStart = true;
                    continue;
                }
                from = insert(b, from, i, LF); // a bare CR ends its line too
                lineStart = true;
            }
            if (c == LF) {
                from = insert(b, from, i, CR);
                lineStart = true;
            } else if (c == CR) {
                pendingCr = true;
                lineStart = false;
            } else {
                if (c == DOT && lineStart) {
                    from = insert(b, from, i, DOT);
                }
                lineStart = false;
            }
        }
        out.write(b, from, end - from);
    }

    // Writes b[from, at) and then {@code extra}; returns where the next pass-through run starts.
    private int insert(byte[] b, int from, int at, byte extra) throws IOException {
        out.write(b, from, at - from);
        out.write(extra);
        return at;
    }

    /** Ends the content: CRLF if the last line is unterminated, then "." CRLF. */
    public void finish() throws IOException {
        if (pendingCr) {
            out.write(LF);
            lineStart = true;
            pendingCr = false;
        }
        if (!lineStart) {
            out.write(CRLF);
        }
        out.write(END);
        lineStart = true;
    }
}
