package io.mailstream.bounces.receive;

import io.mailstream.schemas.MailstreamException;

/** A received bounce could not be made durable (Kafka unreachable, timed out, refused): answer 451. */
public final class RawBounceSinkException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    public RawBounceSinkException(String topic, String key, Throwable cause) {
        super("Bounce " + key + " not acknowledged by " + topic + ": " + cause.getMessage(), cause);
    }
}
