package io.mailstream.schemas.verp;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * Signed VERP return paths (and, the same way, the List-Unsubscribe mailto addresses
 * {@code unsubscribe+<messageId>.<keyId>-<mac>@<bounce domain>}, under another context label): {@code bounces+<messageId>.<keyId>-<mac>@<bounce domain>}, where
 * {@code mac} is HMAC-SHA-256 over the message id (with a fixed context label), truncated to 80
 * bits and written in lower-case base32 (16 characters), so a 32-character message id still fits
 * the 64-octet local part of RFC 5321 §4.5.3.1.1. Only whoever holds a key can make an address the
 * receiver accepts, so a bounce that reaches us names a message we sent. Letters are compared
 * case-insensitively: some relays change the case of local parts.
 */
public final class SignedVerp {
    public static final String PREFIX = "bounces+";
    /** The mailto of List-Unsubscribe (RFC 2369): {@code unsubscribe+<messageId>.<keyId>-<mac>@<bounce domain>}. */
    public static final String UNSUBSCRIBE_PREFIX = "unsubscribe+";
    private static final byte[] CONTEXT = "mailstream-verp\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNSUBSCRIBE_CONTEXT = "mailstream-unsubscribe-mailto\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_BYTES = 10;
    private static final int UNSUBSCRIBE_MAC_BYTES = 8;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Domain bounceDomain;
    private final VerpKeys keys;

    public SignedVerp(Domain bounceDomain, VerpKeys keys) {
        this.bounceDomain = Objects.requireNonNull(bounceDomain, "bounceDomain");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public Domain bounceDomain() {
        return bounceDomain;
    }

    public VerpKeys keys() {
        return keys;
    }

    /** The return path of {@code messageId}, signed with the signing key. */
    public EmailAddress returnPath(String messageId) {
        VerpKey key = keys.signing();
        return EmailAddress.parse(PREFIX + messageId + "." + key.id() + "-" + mac(key, messageId) + "@" + bounceDomain.asString());
    }

    /** The List-Unsubscribe mailto address of {@code messageId}, signed with the signing key (another context than the return path). */
    public EmailAddress unsubscribeAddress(String messageId) {
        VerpKey key = keys.signing();
        return EmailAddress.parse(UNSUBSCRIBE_PREFIX + messageId + "." + key.id() + "-" + unsubscribeMac(key, messageId)
                + "@" + bounceDomain.asString());
    }

    /** Whether {@code recipient} is a return path or an unsubscribe address we signed, and for which message. */
    public VerpCheck check(EmailAddress recipient) {
        if (!recipient.domain().equals(bounceDomain)) {
            return new VerpCheck.Refused(VerpCheck.Reason.NOT_VERP);
        }
        String local = recipient.localPart();
        boolean unsubscribe = startsWith(local, UNSUBSCRIBE_PREFIX);
        String prefix = unsubscribe ? UNSUBSCRIBE_PREFIX : PREFIX;
        Optional<Token> token = Token.of(local, prefix);
        if (token.isEmpty()) {
            return new VerpCheck.Refused(unsubscribe || startsWith(local, PREFIX)
                    ? VerpCheck.Reason.UNSIGNED : VerpCheck.Reason.NOT_VERP);
        }
        Token t = token.get();
        Optional<VerpKey> key = keys.byId(t.keyId());
        if (key.isEmpty()) {
            return new VerpCheck.Refused(VerpCheck.Reason.UNKNOWN_KEY);
        }
        byte[] expected = (unsubscribe ? unsubscribeMac(key.get(), t.messageId()) : mac(key.get(), t.messageId()))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, t.mac().getBytes(StandardCharsets.US_ASCII))) {
            return new VerpCheck.Refused(VerpCheck.Reason.BAD_SIGNATURE);
        }
        return unsubscribe ? new VerpCheck.Unsubscribe(t.messageId(), t.keyId()) : new VerpCheck.Signed(t.messageId(), t.keyId());
    }

    /**
     * The message id of a signed-looking return path, without checking the signature: for readers
     * of {@code mail.bounces.raw}, whose envelope recipients the receiver already verified.
     */
    public static Optional<String> messageIdOf(String envelopeRecipient) {
        return messageIdOf(envelopeRecipient, PREFIX);
    }

    /** As {@link #messageIdOf}, for a signed-looking unsubscribe address ({@code unsubscribe+…}). */
    public static Optional<String> unsubscribeMessageIdOf(String envelopeRecipient) {
        return messageIdOf(envelopeRecipient, UNSUBSCRIBE_PREFIX);
    }

    private static Optional<String> messageIdOf(String envelopeRecipient, String prefix) {
        if (envelopeRecipient == null) {
            return Optional.empty();
        }
        String a = envelopeRecipient.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        return at <= 0 ? Optional.empty() : Token.of(a.substring(0, at), prefix).map(Token::messageId);
    }

    private static boolean startsWith(String local, String prefix) {
        return local.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    private static String mac(VerpKey key, String messageId) {
        return mac(key, CONTEXT, messageId);
    }

    /**
     * 64 bits (13 characters): {@code unsubscribe+} is 4 characters longer than {@code bounces+}, and a
     * 32-character id with a 4-character key id must still fit 64 octets. Guessing one takes an SMTP
     * transaction per try.
     */
    private static String unsubscribeMac(VerpKey key, String messageId) {
        return mac(key, UNSUBSCRIBE_CONTEXT, messageId, UNSUBSCRIBE_MAC_BYTES);
    }

    /** HMAC-SHA-256 of {@code context} + {@code data}, truncated to 80 bits, lower-case base32. */
    static String mac(VerpKey key, byte[] context, String data) {
        return mac(key, context, data, MAC_BYTES);
    }

    private static String mac(VerpKey key, byte[] context, String data, int bytes) {
        Mac hmac = key.hmac();
        hmac.update(context);
        return base32(hmac.doFinal(data.getBytes(StandardCharsets.UTF_8)), bytes);
    }

    private static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder((length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** {@code bounces+<messageId>.<keyId>-<mac>}, split; the key id and MAC lower-cased. */
    private record Token(String messageId, String keyId, String mac) {
        static Optional<Token> of(String localPart, String prefix) {
            if (!startsWith(localPart, prefix)) {
                return Optional.empty();
            }
            String rest = localPart.substring(prefix.length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                return Optional.empty();
            }
            String signature = rest.substring(dot + 1).toLowerCase(Locale.ROOT);
            int dash = signature.indexOf('-');
            if (dash <= 0 || dash == signature.length() - 1) {
                return Optional.empty();
            }
            String keyId = signature.substring(0, dash);
            if (!VerpKey.ID.matcher(keyId).matches()) {
                return Optional.empty();
            }
            return Optional.of(new Token(rest.substring(0, dot), keyId, signature.substring(dash + 1)));
        }
    }
}
