package io.mailstream.producer.api;

import io.mailstream.schemas.MailstreamException;

/** The API configuration is unusable: names the key and the reason, so the service fails at start. */
public final class InvalidApiConfigException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidApiConfigException(String key, String reason) {
        super("API configuration: " + key + " " + reason);
        this.key = key;
    }

    public InvalidApiConfigException(String key, String reason, Throwable cause) {
        super("API configuration: " + key + " " + reason, cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
