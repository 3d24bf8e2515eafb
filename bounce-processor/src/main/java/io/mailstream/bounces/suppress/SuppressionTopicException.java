package io.mailstream.bounces.suppress;

import io.mailstream.schemas.MailstreamException;
import io.mailstream.schemas.topics.Topics;

/** A suppression or tombstone was not acknowledged by Kafka. */
public final class SuppressionTopicException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    SuppressionTopicException(String address, Throwable cause) {
        super("Could not write " + address + " to " + Topics.SUPPRESSIONS + ": " + cause.getMessage(), cause);
    }
}
