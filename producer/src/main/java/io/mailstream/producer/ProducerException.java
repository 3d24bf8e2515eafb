package io.mailstream.producer;

import io.mailstream.schemas.MailstreamException;

/** Root of the exceptions the producer module throws on purpose; subclasses carry what identifies the failure. */
public class ProducerException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    public ProducerException(String message) {
        super(message);
    }

    public ProducerException(String message, Throwable cause) {
        super(message, cause);
    }
}
