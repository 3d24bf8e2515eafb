package io.mailstream.dispatcher.smtp.internal;

import java.util.List;
import java.util.Optional;

/**
 * The replies to MAIL FROM, each RCPT TO and DATA. {@code recipients} is empty when MAIL FROM was
 * refused and nothing else was sent (lockstep); {@code data} is empty when DATA was not sent.
 */
record EnvelopeReplies(Reply mail, List<Reply> recipients, Optional<Reply> data) {
    EnvelopeReplies {
        recipients = List.copyOf(recipients);
    }

    boolean anyRecipientAccepted() {
        return mail.isPositiveCompletion() && recipients.stream().anyMatch(Reply::isPositiveCompletion);
    }

    boolean readyForContent() {
        return data.map(d -> d.code() == 354).orElse(false);
    }
}
