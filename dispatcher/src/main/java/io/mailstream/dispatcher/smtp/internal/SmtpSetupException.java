package io.mailstream.dispatcher.smtp.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A session could not be opened: the server refused the greeting, EHLO/HELO, STARTTLS or AUTH, or
 * lacks what the route requires. Says nothing about any message: mail is deferred, never bounced.
 */
public final class SmtpSetupException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    private SmtpSetupException(String message, Reply reply) {
        super(message);
        this.reply = reply;
    }

    private SmtpSetupException(String message, Throwable cause) {
        super(message, cause);
        this.reply = null;
    }

    static SmtpSetupException tlsHandshakeFailed(String server, IOException cause) {
        return new SmtpSetupException("STARTTLS handshake with " + server + " failed", cause);
    }

    static SmtpSetupException refused(String step, Reply reply) {
        return new SmtpSetupException(step + " refused: " + reply, reply);
    }

    static SmtpSetupException startTlsNotOffered(String server) {
        return new SmtpSetupException("TLS is required but " + server + " does not offer STARTTLS", (Reply) null);
    }

    static SmtpSetupException noAuthMechanism(String server, Set<String> offered) {
        return new SmtpSetupException("AUTH is configured but " + server + " offers no mechanism we speak (PLAIN, LOGIN)"
                + (offered.isEmpty() ? "" : "; offered: " + String.join(" ", offered)), (Reply) null);
    }

    /** The server's refusal, if that is what ended the setup. */
    public Optional<Reply> reply() {
        return Optional.ofNullable(reply);
    }
}
