package io.mailstream.webhooks.config;

import io.mailstream.webhooks.WebhooksException;

/**
 * The webhooks configuration is unusable: names the file, the path of the bad key
 * ({@code endpoints[1].retry.giveUpAfter}) and what to do, so the service fails at start.
 */
public final class InvalidWebhooksConfigException extends WebhooksException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidWebhooksConfigException(String path, String reason) {
        super("webhooks configuration: " + path + " " + reason);
        this.path = path;
    }

    public InvalidWebhooksConfigException(String path, String reason, Throwable cause) {
        super("webhooks configuration: " + path + " " + reason, cause);
        this.path = path;
    }

    /** The key that is wrong, e.g. {@code endpoints[0].url}. */
    public String path() {
        return path;
    }
}
