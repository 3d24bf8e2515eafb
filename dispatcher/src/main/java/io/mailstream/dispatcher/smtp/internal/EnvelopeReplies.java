package io.mailstream.dispatcher.smtp.internal;

import java.util.List;
import java.util.Optional;

/**
 * The replies to MAIL FROM, each RCPT TO and DATA (or, when {@code chunked}, the one BDAT LAST that
 * carried the content). {@code recipients} is empty when MAIL FROM was refused and nothing else was
 * sent (lockstep); {@code data} is empty when neither DATA nor BDAT was sent.
 */
record EnvelopeReplies(Reply mail, List<Reply> recipients, Optional<Reply> data, boolean chunked) {
    EnvelopeReplies {
        recipients = List.copyOf(recipients);
    }

    boolean anyRecipientAccepted() {
        return mail.isPositiveCompletion() && recipients.stream().anyMatch(Reply::isPositiveCompletion);
    }

    /** DATA was answered 354: the content (or "." alone) is to be sent now. */
    boolean readyForContent() {
        return !chunked && data.map(d -> d.code() == 354).orElse(false);
    }

    /** The content went with BDAT and the server took it: the transaction is complete. */
    boolean chunkAccepted() {
        return chunked && data.map(Reply::isPositiveCompletion).orElse(false);
    }
}
