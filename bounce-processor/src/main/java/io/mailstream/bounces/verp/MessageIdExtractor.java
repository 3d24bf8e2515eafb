package io.mailstream.bounces.verp;

import io.mailstream.bounces.parse.Addresses;
import io.mailstream.bounces.parse.HeaderFields;
import io.mailstream.schemas.verp.SignedVerp;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the id of the message we sent that a bounce is about, from the strongest evidence down:
 * <ol>
 *   <li>the VERP return path the bounce was delivered to, {@code bounces+<messageId>@<bounce domain>}
 *       (given by the receiver's envelope, else read from the bounce's {@code X-Original-To},
 *       {@code Delivered-To}, {@code Envelope-To} or {@code To});</li>
 *   <li>{@code X-Mailstream-Message-Id} or {@code X-Message-Id} in the returned headers
 *       (RFC 3462 §3 text/rfc822-headers or the returned message/rfc822);</li>
 *   <li>the DSN's {@code Original-Envelope-Id} (RFC 3464 §2.2.1), our ENVID.</li>
 * </ol>
 */
public final class MessageIdExtractor {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=-]{0,127}");
    private static final String VERP_PREFIX = "bounces+";

    private MessageIdExtractor() {
    }

    /** The message id of a VERP address {@code bounces+<id>.<key>-<mac>@domain} (signed) or {@code bounces+<id>@domain}, if it is one. */
    public static Optional<String> fromVerp(String envelopeRecipient) {
        if (envelopeRecipient == null) {
            return Optional.empty();
        }
        Optional<String> signed = SignedVerp.messageIdOf(envelopeRecipient);
        if (signed.isPresent()) {
            return signed.filter(id -> ID.matcher(id).matches());
        }
        String a = envelopeRecipient.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || !a.substring(0, at).toLowerCase(Locale.ROOT).startsWith(VERP_PREFIX)) {
            return Optional.empty();
        }
        String id = a.substring(VERP_PREFIX.length(), at);
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    public static Optional<String> find(Optional<String> envelopeRecipient, HeaderFields bounceHeaders,
                                        HeaderFields returnedHeaders, Optional<String> originalEnvelopeId) {
        Optional<String> verp = envelopeRecipient.flatMap(MessageIdExtractor::fromVerp);
        if (verp.isPresent()) {
            return verp;
        }
        for (String field : List.of("x-original-to", "delivered-to", "envelope-to", "to")) {
            for (String v : bounceHeaders.all(field)) {
                if (!mayHoldVerp(v)) {
                    continue; // most bounces are addressed otherwise: no address parse for them
                }
                for (Addresses.Found f : Addresses.findAll(v)) {
                    Optional<String> id = fromVerp(f.address());
                    if (id.isPresent()) {
                        return id;
                    }
                }
            }
        }
        for (String field : List.of("x-mailstream-message-id", "x-message-id")) {
            Optional<String> id = returnedHeaders.first(field).map(MessageIdExtractor::unbracket)
                    .filter(s -> ID.matcher(s).matches());
            if (id.isPresent()) {
                return id;
            }
        }
        return originalEnvelopeId.map(MessageIdExtractor::unbracket).filter(s -> ID.matcher(s).matches());
    }

    /** Whether {@code value} contains the VERP prefix in any case, which both plain and signed return paths start with. */
    private static boolean mayHoldVerp(String value) {
        int n = VERP_PREFIX.length();
        for (int plus = value.indexOf('+'); plus >= 0; plus = value.indexOf('+', plus + 1)) {
            if (plus + 1 >= n && value.regionMatches(true, plus + 1 - n, VERP_PREFIX, 0, n)) {
                return true;
            }
        }
        return false;
    }

    private static String unbracket(String s) {
        String v = s.strip();
        return v.startsWith("<") && v.endsWith(">") ? v.substring(1, v.length() - 1).strip() : v;
    }
}
