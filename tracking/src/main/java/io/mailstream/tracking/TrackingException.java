package io.mailstream.tracking;

import io.mailstream.schemas.MailstreamException;

/** A configuration or start-up problem of the tracking endpoint, naming the setting and what to do. */
public final class TrackingException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    public TrackingException(String key, String reason) {
        super(key + ": " + reason);
    }

    public TrackingException(String message, Throwable cause) {
        super(message, cause);
    }
}
