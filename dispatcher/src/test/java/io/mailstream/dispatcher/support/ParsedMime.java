package io.mailstream.dispatcher.support;

import io.mailstream.dispatcher.render.RenderedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** A rendered message's wire bytes parsed back by Jakarta Mail, as a receiving MTA or mail client would read them. */
public final class ParsedMime {
    private static final Session SESSION = Session.getInstance(new Properties());

    private ParsedMime() {
    }

    public static MimeMessage of(RenderedMessage message) {
        try {
            return new MimeMessage(SESSION, message.content().newInputStream());
        } catch (MessagingException e) {
            throw new AssertionError("rendered message " + message.messageId() + " does not parse as MIME", e);
        }
    }
}
