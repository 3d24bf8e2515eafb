package io.mailstream.embedded.smtp;

import io.mailstream.schemas.address.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One mail transaction the sink saw, from MAIL FROM to its end (accepted after DATA, refused, reset
 * or dropped with its connection), with who opened it: what a crash test needs to tell which
 * transactions were open at a given moment and from which client.
 *
 * @param helo       the name the client gave in EHLO/HELO, empty if none
 * @param client     the client's address and port, one per connection
 * @param started    when MAIL FROM arrived
 * @param ended      when the transaction ended
 * @param recipients the accepted RCPT TO addresses
 * @param accepted   whether the message was accepted (250 after DATA)
 */
public record SinkTransaction(String helo, String client, Instant started, Instant ended, List<EmailAddress> recipients,
                              boolean accepted) {
    public SinkTransaction {
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        recipients = List.copyOf(recipients);
    }

    /** Told each transaction once it ended, on the session's thread: implementations must be thread-safe and quick. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = t -> { };

        void ended(SinkTransaction transaction);
    }
}
