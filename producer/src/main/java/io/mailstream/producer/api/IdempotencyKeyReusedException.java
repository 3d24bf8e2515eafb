package io.mailstream.producer.api;

import io.mailstream.schemas.MailstreamException;

/** An {@code Idempotency-Key} used again with a different body: answered 422, nothing published. */
public final class IdempotencyKeyReusedException extends MailstreamException {
    private static final long serialVersionUID = 1L;
    private final String messageId;

    public IdempotencyKeyReusedException(String messageId) {
        super("this Idempotency-Key was already used with a different request body (message " + messageId
                + "); use a new key for a different message");
        this.messageId = messageId;
    }

    public String messageId() {
        return messageId;
    }
}
