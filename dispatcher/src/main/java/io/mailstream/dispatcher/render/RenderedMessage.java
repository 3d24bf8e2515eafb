package io.mailstream.dispatcher.render;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import java.util.Optional;

/**
 * A message ready to send: its wire bytes (RFC 5322 / RFC 2045) and what delivery needs to know
 * without parsing them: the envelope, whose sender is the VERP return path (RFC 5321 §4.1.1.2
 * MAIL FROM), the From domain (the DKIM signing domain) and the campaign (the sending IP pool).
 */
public record RenderedMessage(String messageId, EmailAddress recipient, EmailAddress envelopeFrom, Domain fromDomain,
                              Optional<String> campaignId, MessageBytes content) {

    /** The same message with other bytes, e.g. with a DKIM-Signature field added. */
    public RenderedMessage withContent(MessageBytes newContent) {
        return new RenderedMessage(messageId, recipient, envelopeFrom, fromDomain, campaignId, newContent);
    }
}
