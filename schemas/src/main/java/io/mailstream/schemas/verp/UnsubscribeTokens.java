package io.mailstream.schemas.verp;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed one-click unsubscribe tokens (RFC 8058): {@code <keyId>.<payload>.<mac>}, the payload
 * naming the message, its recipient, its campaign and the campaign's list (base64url of
 * {@code messageId NUL recipient NUL campaignId [NUL listId]}), the MAC HMAC-SHA-256 over key id and payload with the return-path keys (another
 * context label, so a VERP signature is never a valid token), 80 bits in base32. Only the holder of
 * a key makes one, so nobody can unsubscribe an address they have no mail for, and a token names
 * exactly one recipient. Tokens do not expire: an old newsletter's link keeps working.
 */
public final class UnsubscribeTokens {
    private static final byte[] CONTEXT = "mailstream-unsubscribe\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_TOKEN_CHARS = 1024;

    private final VerpKeys keys;

    /**
     * What a valid token says.
     *
     * @param listId the list (or campaign family) of the message's campaign, which the unsubscribe
     *               applies to; empty in tokens made before lists existed and for campaigns of no list
     */
    public record Claim(String messageId, EmailAddress recipient, Optional<String> campaignId, Optional<String> listId) {
        public Claim {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(listId, "listId");
        }

        /** A claim for a message of no list. */
        public Claim(String messageId, EmailAddress recipient, Optional<String> campaignId) {
            this(messageId, recipient, campaignId, Optional.empty());
        }
    }

    public UnsubscribeTokens(VerpKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The token for {@code claim}, signed with the signing key; URL- and local-part-safe characters only. */
    public String sign(Claim claim) {
        VerpKey key = keys.signing();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (claim.messageId() + "\0" + claim.recipient().normalized() + "\0" + claim.campaignId().orElse("")
                        + claim.listId().map(l -> "\0" + l).orElse(""))
                        .getBytes(StandardCharsets.UTF_8));
        return key.id() + "." + payload + "." + SignedVerp.mac(key, CONTEXT, key.id() + "." + payload);
    }

    /** The claim of a token we signed; empty for anything forged, altered, truncated or signed with a key we no longer hold. */
    public Optional<Claim> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<VerpKey> key = keys.byId(parts[0]);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = SignedVerp.mac(key.get(), CONTEXT, parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            String[] fields = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\0", -1);
            // three fields in tokens made before lists existed, four since
            if (fields.length < 3 || fields.length > 4 || fields[0].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Claim(fields[0], EmailAddress.parse(fields[1]),
                    fields[2].isEmpty() ? Optional.empty() : Optional.of(fields[2]),
                    fields.length == 4 && !fields[3].isEmpty() ? Optional.of(fields[3]) : Optional.empty()));
        } catch (IllegalArgumentException | InvalidAddressException e) {
            return Optional.empty(); // signed by us, so unreachable unless a key leaked; refuse anyway
        }
    }
}
