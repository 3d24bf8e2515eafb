package io.mailstream.bounces.mailbox;

import io.mailstream.schemas.MailstreamException;

/** The bounce mailbox could not be read this time (unreachable, login refused, folder missing); the next poll tries again. */
public final class MailboxException extends MailstreamException {
    private static final long serialVersionUID = 1L;
    private final String mailbox;

    private MailboxException(String mailbox, String message, Throwable cause) {
        super(message, cause);
        this.mailbox = mailbox;
    }

    static MailboxException unavailable(MailboxConfig config, Throwable cause) {
        return new MailboxException(config.source(), "mailbox " + config.source() + " (port " + config.port() + ", tls "
                + config.tls().name().toLowerCase(java.util.Locale.ROOT) + ") cannot be read: " + cause.getMessage(), cause);
    }

    static MailboxException unsupported(MailboxConfig config, String what) {
        return new MailboxException(config.source(), "mailbox " + config.source() + ": " + what, null);
    }

    /** Which mailbox: {@link MailboxConfig#source()}. */
    public String mailbox() {
        return mailbox;
    }
}
