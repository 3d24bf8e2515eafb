package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.render.MessageBytes;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Hands already-built wire bytes to Jakarta Mail's {@code SMTPTransport}, which wants a
 * {@code MimeMessage}: the transport asks it only for its envelope sender and to write itself
 * into DATA (through its dot-stuffing stream, RFC 5321 §4.5.2), and this writes the bytes as they
 * are, so a DKIM signature over them stays valid. Its header fields are not parsed and read as
 * absent; it is not for anything but sending. One per connection, given each message in turn
 * ({@link #carry}): a {@code MimeMessage} builds a header table on construction. Not thread-safe.
 */
final class WireMimeMessage extends SMTPMessage {
    private MessageBytes bytes;

    WireMimeMessage(Session session) {
        super(session);
    }

    /** This message now sends {@code message} from {@code envelopeFrom}. */
    WireMimeMessage carry(MessageBytes message, String envelopeFrom) {
        this.bytes = message;
        setEnvelopeFrom(envelopeFrom);
        return this;
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        bytes.writeTo(os);
    }

    @Override
    public int getSize() {
        return bytes.length();
    }
}
