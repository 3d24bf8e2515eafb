package io.mailstream.bounces.mailbox;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.receive.RecipientPolicy;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a message taken from the bounce mailbox into the {@link RawBounce} the SMTP receiver would
 * have stored. A mailbox has no SMTP envelope, so the recipients are the addresses of the fields
 * the delivering server records the envelope recipient in ({@code Delivered-To}, {@code
 * X-Original-To}, {@code Envelope-To}), then {@code To} and {@code Cc} (a DSN is addressed to the
 * return path, RFC 3464 §2), kept only when the {@link RecipientPolicy} accepts them: a signed
 * return path or a feedback-loop address. The topology then trusts them exactly as the receiver's,
 * so a message that names no signed return path changes nothing (counted {@code unsigned}).
 */
public final class MailboxBounces {
    static final List<String> RECIPIENT_FIELDS = List.of("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To",
            "To", "Cc");

    private final RecipientPolicy policy;
    private final Clock clock;
    private final String source;
    private final String remoteAddress;

    public MailboxBounces(RecipientPolicy policy, Clock clock, String source, String remoteAddress) {
        this.policy = policy;
        this.clock = clock;
        this.source = source;
        this.remoteAddress = remoteAddress;
    }

    /** A bounce and the key it is stored under, as the receiver keys it. */
    public record Keyed(String key, RawBounce bounce) {
    }

    /** @param fallbackKey the key when the message names no recipient we accept and has no Message-ID (e.g. its UID) */
    public Keyed of(byte[] message, String fallbackKey) {
        InternetHeaders headers = headers(message);
        List<EmailAddress> recipients = acceptedRecipients(headers);
        RawBounce bounce = RawBounce.newBuilder()
                .setReceivedAt(clock.instant())
                .setEnvelopeFrom(returnPath(headers))
                .setEnvelopeTo(recipients.stream().map(EmailAddress::asString).toList())
                .setRemoteAddress(remoteAddress)
                .setSource(source)
                .setMessage(ByteBuffer.wrap(message))
                .build();
        return new Keyed(key(recipients, headers, fallbackKey), bounce);
    }

    /** The signed or feedback addresses the message was delivered to, in field order, without repeats. */
    List<EmailAddress> acceptedRecipients(InternetHeaders headers) {
        Set<EmailAddress> out = new LinkedHashSet<>();
        for (String field : RECIPIENT_FIELDS) {
            String[] values = headers.getHeader(field);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                for (String address : addresses(value)) {
                    try {
                        EmailAddress a = EmailAddress.parse(address);
                        if (policy.accepts(a)) {
                            out.add(a);
                        }
                    } catch (InvalidAddressException e) {
                        // a malformed address field is not ours; the message is still stored
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private String key(List<EmailAddress> recipients, InternetHeaders headers, String fallbackKey) {
        for (EmailAddress r : recipients) {
            Optional<String> id = policy.verpId(r);
            if (id.isPresent()) {
                return id.get();
            }
        }
        if (!recipients.isEmpty()) {
            return recipients.get(0).normalized();
        }
        String messageId = headers.getHeader("Message-ID", null);
        return messageId == null || messageId.isBlank() ? fallbackKey : messageId.trim();
    }

    private static String returnPath(InternetHeaders headers) {
        String value = headers.getHeader("Return-Path", null);
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return v.startsWith("<") && v.endsWith(">") ? v.substring(1, v.length() - 1) : v;
    }

    private static List<String> addresses(String value) {
        try {
            List<String> out = new ArrayList<>();
            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                out.add(a.getAddress());
            }
            return out;
        } catch (AddressException e) {
            return List.of(value.trim());
        }
    }

    /** Only the header block is parsed; a message without a valid one has no headers, and is still stored. */
    private static InternetHeaders headers(byte[] message) {
        try {
            return new InternetHeaders(new ByteArrayInputStream(message));
        } catch (MessagingException e) {
            return new InternetHeaders();
        }
    }
}
