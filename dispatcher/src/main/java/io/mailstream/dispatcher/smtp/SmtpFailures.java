package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import jakarta.mail.MessagingException;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Classifies a failed SMTP transaction by the server's reply (RFC 5321 §4.2.1): 4xx is transient
 * ({@link DeliveryOutcome.Deferred}), 5xx permanent ({@link DeliveryOutcome.Bounced}). No reply at
 * all (refused, reset, timed out) is transient: the server never said no.
 */
final class SmtpFailures {
    private SmtpFailures() {
    }

    static DeliveryOutcome classify(MessagingException e, String host) {
        Optional<SmtpReply> reply = serverReply(e);
        if (reply.isPresent()) {
            SmtpReply r = reply.get();
            return r.isPermanent() ? new DeliveryOutcome.Bounced(r, host) : DeliveryOutcome.Deferred.byReply(r, host);
        }
        return DeliveryOutcome.Deferred.noReply(describe(e), host);
    }

    /** The first 4xx/5xx reply found in the exception and its chained exceptions (RCPT failures are chained). */
    static Optional<SmtpReply> serverReply(Exception e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = -1;
            if (x instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
            } else if (x instanceof SMTPSendFailedException s) {
                code = s.getReturnCode();
            }
            if (code >= 400 && code <= 599) {
                return Optional.of(SmtpReply.of(code, x.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** True when the failure says nothing about the message, only about the connection. */
    static boolean isConnectionFailure(Exception e) {
        return serverReply(e).isEmpty();
    }

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 500; t = t.getCause() != t ? t.getCause() : null) {
            if (!b.isEmpty()) {
                b.append(": ");
            }
            b.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                b.append(' ').append(t.getMessage().strip());
            }
        }
        return b.toString();
    }
}
