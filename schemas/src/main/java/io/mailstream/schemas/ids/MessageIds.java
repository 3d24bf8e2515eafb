package io.mailstream.schemas.ids;

import io.mailstream.schemas.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Message ids. Campaign ids are deterministic (campaign + normalised recipient), so relaunching a
 * campaign yields the same ids and the dispatcher's sent-ledger turns repeats into no-ops. Ids are
 * lower-case hex so they fit a VERP local part ({@code bounces+<id>@...}) and a Message-ID header.
 */
public final class MessageIds {
    private MessageIds() {
    }

    public static String forCampaign(String campaignId, EmailAddress recipient) {
        return digest("campaign\0" + campaignId + "\0" + recipient.normalized());
    }

    /** Transactional mail: same idempotency key from the same API key → same id. */
    public static String forIdempotencyKey(String apiKeyId, String idempotencyKey) {
        return digest("tx\0" + apiKeyId + "\0" + idempotencyKey);
    }

    public static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String digest(String s) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
