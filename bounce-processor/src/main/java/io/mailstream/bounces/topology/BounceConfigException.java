package io.mailstream.bounces.topology;

import io.mailstream.schemas.MailstreamException;

/** A bounce-processor setting is missing or invalid; the message names the key and the reason. */
public final class BounceConfigException extends MailstreamException {
    private static final long serialVersionUID = 1L;
    private final String key;

    private BounceConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public static BounceConfigException invalid(String key, String reason) {
        return new BounceConfigException(key, reason);
    }

    /** The configuration key that was refused. */
    public String key() {
        return key;
    }
}
