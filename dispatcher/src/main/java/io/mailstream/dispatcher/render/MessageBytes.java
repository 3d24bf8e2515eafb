package io.mailstream.dispatcher.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A message in its wire form (RFC 5322 header section, blank line, RFC 2045 body; CRLF line ends,
 * US-ASCII except where SMTPUTF8 addresses need UTF-8): what SMTP DATA carries, before dot-stuffing.
 * Immutable; DKIM signs exactly these bytes and the transport writes them unchanged.
 */
public final class MessageBytes {
    private final byte[] bytes;

    private MessageBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes a copy of {@code bytes}. */
    public static MessageBytes of(byte[] bytes) {
        return new MessageBytes(bytes.clone());
    }

    static MessageBytes wrap(byte[] bytes) {
        return new MessageBytes(bytes);
    }

    /** These bytes behind {@code headerFields} (complete fields, each ending in CRLF), as DKIM adds its signature. */
    public MessageBytes withFieldsPrepended(byte[] headerFields) {
        byte[] out = Arrays.copyOf(headerFields, headerFields.length + bytes.length);
        System.arraycopy(bytes, 0, out, headerFields.length, bytes.length);
        return new MessageBytes(out);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    public InputStream newInputStream() {
        return new ByteArrayInputStream(bytes);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }
}
