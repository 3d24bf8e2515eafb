package io.mailstream.bounces.receive;

import io.mailstream.avro.RawBounce;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a received message so its record fits the topic: the first part is kept (the report parts
 * of a DSN or ARF report come first; what is usually cut is the returned message's body) and a
 * header field at the top says so, {@code X-Mailstream-Truncated: received <n> bytes, stored the
 * first <k>}, so whoever reads the stored bounce knows it is not whole.
 */
final class BounceTruncation {
    static final String FIELD = "X-Mailstream-Truncated";

    private BounceTruncation() {
    }

    /** {@code bounce} with its message shortened by at least {@code excessBytes}; the envelope is kept. */
    static RawBounce shorten(RawBounce bounce, int excessBytes) {
        ByteBuffer m = bounce.getMessage().duplicate();
        byte[] message = new byte[m.remaining()];
        m.get(message);
        // the marker itself takes room too; 100 bytes is more than it ever needs
        int budget = message.length - excessBytes - 100;
        if (budget < 1024) {
            throw new IllegalArgumentException("the envelope of this bounce alone is too large to store ("
                    + excessBytes + " bytes over the record limit)");
        }
        int cut = budget;
        while (cut > budget / 2 && message[cut - 1] != '\n') {
            cut--; // end on a whole line, so a MIME reader sees no half line
        }
        if (message[cut - 1] != '\n') {
            cut = budget;
        }
        byte[] marker = (FIELD + ": received " + message.length + " bytes, stored the first " + cut + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[marker.length + cut];
        System.arraycopy(marker, 0, out, 0, marker.length);
        System.arraycopy(message, 0, out, marker.length, cut);
        return RawBounce.newBuilder(bounce).setMessage(ByteBuffer.wrap(out)).build();
    }
}
