package io.mailstream.dispatcher.smtp.internal;

import java.util.List;

/**
 * The envelope of one SMTP transaction (RFC 5321 §3.3): the reverse path (MAIL FROM, our VERP
 * address) and the forward paths (one RCPT TO each). Addresses are already valid RFC 5321
 * mailboxes; this only refuses what would break the command line.
 */
public record Envelope(String from, List<String> recipients) {
    public Envelope {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an SMTP transaction needs at least one recipient");
        }
        requireCommandSafe(from);
        recipients.forEach(Envelope::requireCommandSafe);
    }

    private static void requireCommandSafe(String address) {
        if (address.chars().anyMatch(c -> c < ' ' || c == '<' || c == '>' || c == 0x7f)) {
            throw new IllegalArgumentException("address is not usable in an SMTP command: '"
                    + address.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }
}
