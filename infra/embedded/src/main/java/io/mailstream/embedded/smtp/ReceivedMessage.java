package io.mailstream.embedded.smtp;

import io.mailstream.schemas.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One message accepted by the {@link SmtpSink}: the envelope as sent and the raw content.
 *
 * @param envelopeFrom the MAIL FROM path; empty for the null reverse-path ({@code <>}) of a bounce
 */
public record ReceivedMessage(Optional<String> envelopeFrom, List<EmailAddress> recipients, byte[] raw,
        Instant receivedAt) {
    public ReceivedMessage {
        recipients = List.copyOf(recipients);
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** The content decoded as UTF-8, for assertions on headers and text. */
    public String content() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedMessage m && m.envelopeFrom.equals(envelopeFrom)
                && m.recipients.equals(recipients) && Arrays.equals(m.raw, raw) && m.receivedAt.equals(receivedAt);
    }

    @Override
    public int hashCode() {
        return 31 * recipients.hashCode() + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[from=" + envelopeFrom.orElse("<>") + ", to=" + recipients + ", " + raw.length + " bytes]";
    }
}
