package io.mailstream.schemas.verp;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed click and open tracking tokens: {@code <keyId>.<payload>.<mac>}, the payload naming the
 * message, its campaign and tenant, when it was rendered and, for a click, the link's position and
 * its original URL (base64url of {@code kind NUL messageId NUL campaignId NUL tenant NUL sentAt NUL
 * linkIndex NUL url}); the MAC is HMAC-SHA-256 over key id and payload with the return-path keys
 * ({@link VerpKeys}) under a context label of its own, so neither a VERP signature nor an
 * unsubscribe token is ever a valid tracking token. 80 bits: each guess costs an HTTP request.
 *
 * <p>The URL is inside the signed payload, never a parameter next to it: the tracking endpoint
 * redirects only to URLs we signed, so it can never be used as an open redirect.
 */
public final class TrackingTokens {
    private static final byte[] CONTEXT = "mailstream-tracking\0".getBytes(StandardCharsets.US_ASCII);
    /** Longer tokens are refused before any work: a URL of a mail link has no business being longer. */
    public static final int MAX_TOKEN_CHARS = 8192;
    private static final char CLICK = 'c';
    private static final char OPEN = 'o';

    private final VerpKeys keys;

    /** What a token says: a click on a link, or an open of the message. */
    public sealed interface Claim permits Click, Open {
        String messageId();

        Optional<String> campaignId();

        Optional<String> tenant();

        /** When the message was rendered (seconds precision). */
        Instant sentAt();
    }

    /** A click on link {@code linkIndex} of the HTML part, whose original URL is {@code url} (absolute http(s)). */
    public record Click(String messageId, Optional<String> campaignId, Optional<String> tenant, Instant sentAt,
                        int linkIndex, URI url) implements Claim {
        public Click {
            requireCommon(messageId, campaignId, tenant, sentAt);
            Objects.requireNonNull(url, "url");
            if (linkIndex < 0) {
                throw new IllegalArgumentException("linkIndex must be >= 0, was " + linkIndex);
            }
            if (!isRedirectable(url)) {
                throw new IllegalArgumentException("only absolute http(s) URLs are tracked, not " + url);
            }
        }
    }

    /** An open of the message (its pixel fetched). */
    public record Open(String messageId, Optional<String> campaignId, Optional<String> tenant, Instant sentAt) implements Claim {
        public Open {
            requireCommon(messageId, campaignId, tenant, sentAt);
        }
    }

    public TrackingTokens(VerpKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Whether {@code url} may be a redirect target: absolute, http or https, with a host. */
    public static boolean isRedirectable(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return url.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
    }

    /** The token of {@code claim}, signed with the signing key; URL-path-safe characters only. */
    public String sign(Claim claim) {
        String fields = switch (claim) {
            case Click c -> common(CLICK, c) + "\0" + c.linkIndex() + "\0" + c.url().toASCIIString();
            case Open o -> common(OPEN, o) + "\0\0";
        };
        VerpKey key = keys.signing();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(fields.getBytes(StandardCharsets.UTF_8));
        return key.id() + "." + payload + "." + SignedVerp.mac(key, CONTEXT, key.id() + "." + payload);
    }

    /** The claim of a token we signed; empty for anything forged, altered, truncated or signed with a key we no longer hold. */
    public Optional<Claim> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (first <= 0 || last == first) {
            return Optional.empty();
        }
        Optional<VerpKey> key = keys.byId(token.substring(0, first));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String signed = token.substring(0, last);
        byte[] expected = SignedVerp.mac(key.get(), CONTEXT, signed).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return parse(new String(Base64.getUrlDecoder().decode(token.substring(first + 1, last)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | URISyntaxException e) {
            return Optional.empty(); // signed by us, so unreachable unless a key leaked; refuse anyway
        }
    }

    private static Optional<Claim> parse(String payload) throws URISyntaxException {
        String[] f = payload.split("\0", -1);
        if (f.length != 7 || f[0].length() != 1 || f[1].isEmpty()) {
            return Optional.empty();
        }
        Optional<String> campaign = f[2].isEmpty() ? Optional.empty() : Optional.of(f[2]);
        Optional<String> tenant = f[3].isEmpty() ? Optional.empty() : Optional.of(f[3]);
        Instant sentAt = Instant.ofEpochSecond(Long.parseLong(f[4]));
        return switch (f[0].charAt(0)) {
            case CLICK -> Optional.of(new Click(f[1], campaign, tenant, sentAt, Integer.parseInt(f[5]), new URI(f[6])));
            case OPEN -> Optional.of(new Open(f[1], campaign, tenant, sentAt));
            default -> Optional.empty();
        };
    }

    private static String common(char kind, Claim c) {
        return kind + "\0" + c.messageId() + "\0" + c.campaignId().orElse("") + "\0" + c.tenant().orElse("")
                + "\0" + c.sentAt().getEpochSecond();
    }

    private static void requireCommon(String messageId, Optional<String> campaignId, Optional<String> tenant, Instant sentAt) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(sentAt, "sentAt");
        if (messageId == null || messageId.isEmpty() || messageId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("messageId must be a non-empty string without NUL");
        }
        if (campaignId.filter(s -> s.indexOf('\0') >= 0).isPresent() || tenant.filter(s -> s.indexOf('\0') >= 0).isPresent()) {
            throw new IllegalArgumentException("campaign and tenant ids must not contain NUL");
        }
    }
}
