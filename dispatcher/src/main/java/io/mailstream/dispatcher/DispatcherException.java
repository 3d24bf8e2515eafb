package io.mailstream.dispatcher;

import io.mailstream.schemas.MailstreamException;

/** Root of the exceptions the dispatcher throws on purpose; subclasses carry what identifies the failure. */
public class DispatcherException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    public DispatcherException(String message) {
        super(message);
    }

    public DispatcherException(String message, Throwable cause) {
        super(message, cause);
    }
}
