package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.smtp.internal.Reply;

/**
 * Classifies a recipient by the reply that decided it (RFC 5321 §4.2.1): 2xx is
 * {@link DeliveryOutcome.Delivered}, 4xx transient ({@link DeliveryOutcome.Deferred}), 5xx
 * permanent ({@link DeliveryOutcome.Bounced}). No reply at all (refused, reset, timed out) is
 * transient: the server never said no; callers build that from the failure with {@link #describe}.
 */
final class SmtpFailures {
    private SmtpFailures() {
    }

    static DeliveryOutcome classify(Reply deciding, String host) {
        SmtpReply r = deciding.asSmtpReply();
        if (r.isPermanent()) {
            return new DeliveryOutcome.Bounced(r, host);
        }
        if (r.isTransient()) {
            return DeliveryOutcome.Deferred.byReply(r, host);
        }
        return new DeliveryOutcome.Delivered(r, host);
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
