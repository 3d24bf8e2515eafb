package io.mailstream.dispatcher.render;

import io.mailstream.schemas.address.EmailAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A message ready to send: the MIME message (RFC 5322 / RFC 2045) and its envelope, whose sender
 * is the VERP return path (RFC 5321 §4.1.1.2 MAIL FROM).
 */
public record RenderedMessage(String messageId, EmailAddress recipient, EmailAddress envelopeFrom, MimeMessage mime) {
}
