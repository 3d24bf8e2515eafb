package io.mailstream.console;

/** A console setting is invalid; the message names the option and what to give instead. */
public final class ConsoleConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConsoleConfigException(String message) {
        super(message);
    }
}
