package io.mailstream.dispatcher.dkim;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.InputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A signed message parsed back from its bytes, so it is sent exactly as signed. Keeps its
 * Message-ID even if someone calls {@code saveChanges()}: a new one would break the signature and
 * the bounce processor's link to the message.
 */
final class SignedMimeMessage extends SMTPMessage {
    SignedMimeMessage(Session session, InputStream in) throws MessagingException {
        super(session, in);
    }

    @Override
    protected void updateMessageID() {
        // keep the signed Message-ID
    }

    @Override
    protected void updateHeaders() throws MessagingException {
        // the headers are signed; re-deriving MIME-Version or Content-Type would invalidate the signature
    }
}
