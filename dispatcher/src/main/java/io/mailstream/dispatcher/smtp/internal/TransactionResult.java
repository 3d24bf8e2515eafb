package io.mailstream.dispatcher.smtp.internal;

import java.util.List;

/**
 * What one transaction came to, per recipient, in envelope order: the reply that decided that
 * recipient (MAIL FROM's when the sender was refused, its RCPT TO's when the recipient was refused,
 * DATA's when DATA was refused, else the reply to the end of the content).
 *
 * @param closing the server answered 421 (RFC 5321 §3.8) or the session is otherwise no longer
 *                usable: the connection must be closed
 */
public record TransactionResult(List<Reply> perRecipient, boolean closing) {
    public TransactionResult {
        perRecipient = List.copyOf(perRecipient);
    }
}
