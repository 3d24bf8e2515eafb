package io.mailstream.dispatcher;


/** A configuration value that cannot be used; {@link #key()} names the setting, as documented in the README. */
public final class InvalidConfigException extends DispatcherException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public InvalidConfigException(String key, String reason) {
        super("invalid dispatcher configuration '" + key + "': " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
