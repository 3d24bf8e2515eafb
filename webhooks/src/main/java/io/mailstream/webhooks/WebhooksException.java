package io.mailstream.webhooks;

import io.mailstream.schemas.MailstreamException;

/** Root of the exceptions the webhooks service throws on purpose. */
public class WebhooksException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    public WebhooksException(String message) {
        super(message);
    }

    public WebhooksException(String message, Throwable cause) {
        super(message, cause);
    }
}
