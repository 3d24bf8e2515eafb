package io.mailstream.dispatcher.render;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * An {@link SMTPMessage} (so the envelope sender travels with it) whose Message-ID is ours: Jakarta
 * Mail would otherwise replace it with a random one on every {@code saveChanges()}, and the
 * bounce processor ties replies and DSNs back to the message by it (RFC 5322 §3.6.4).
 */
final class MailstreamMimeMessage extends SMTPMessage {
    private final String messageIdHeader;

    MailstreamMimeMessage(Session session, String messageIdHeader) {
        super(session);
        this.messageIdHeader = messageIdHeader;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageIdHeader);
    }
}
