package io.mailstream.producer.api;

import io.mailstream.schemas.MailstreamException;

/** Kafka did not acknowledge a message in time, or refused it; the caller may retry with the same idempotency key. */
public final class PublishFailedException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    private final String messageId;

    public PublishFailedException(String messageId, String reason, Throwable cause) {
        super("message " + messageId + " was not acknowledged by Kafka: " + reason, cause);
        this.messageId = messageId;
    }

    public String messageId() {
        return messageId;
    }
}
