package io.mailstream.dispatcher.dkim;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.schemas.address.Domain;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds a DKIM-Signature (RFC 6376, relaxed/relaxed canonicalisation per §3.4.2 and §3.4.4;
 * rsa-sha256 for RSA keys, ed25519-sha256 per RFC 8463 for Ed25519 keys) to rendered messages
 * whose From domain has a configured key; messages from other domains pass unsigned. A domain may
 * have several keys under different selectors, e.g. an RSA and an Ed25519 key, as RFC 8463 §4
 * suggests while verifiers catch up: the message then carries one signature per key, each over the
 * same bytes. Signs the
 * headers receivers and RFC 8058 §4 care about, including List-Unsubscribe and
 * List-Unsubscribe-Post, so one-click unsubscribe is honoured, and over-signs the ones whose
 * addition would mislead the reader ({@link #OVER_SIGNED_HEADERS}). The signature covers the message's
 * wire bytes, which the transport sends unchanged. Thread-safe.
 */
public final class DkimSigner {
    /** Signed when present (RFC 6376 §5.4.1 recommendations). */
    public static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID",
            "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
            "Reply-To");

    /**
     * Signed in every instance and listed once more in {@code h=} than they occur (RFC 6376 §8.15
     * "over-signing"): a receiver, forwarder or attacker who adds one of these, e.g. a second From or
     * Subject, or a List-Unsubscribe the recipient did not get from us, breaks the signature.
     */
    public static final Set<String> OVER_SIGNED_HEADERS = Set.of("From", "Subject", "To", "Reply-To", "Date",
            "List-Unsubscribe", "List-Unsubscribe-Post");

    private final Map<Domain, List<DomainKeySigner>> signers = new HashMap<>();

    /** Loads every key now, so a bad key fails at start with its configuration key named. */
    public DkimSigner(List<DkimKeyConfig> keys) {
        for (DkimKeyConfig k : keys) {
            String configKey = "dkim." + k.domain() + ".private-key";
            PrivateKey key = PemPrivateKeys.read(k.privateKey(), configKey);
            DomainKeySigner signer;
            try {
                signer = new DomainKeySigner(k.domain(), k.selector(), key, SIGNED_HEADERS, OVER_SIGNED_HEADERS);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(configKey, e.getMessage());
            }
            List<DomainKeySigner> domainSigners = signers.computeIfAbsent(k.domain(), d -> new ArrayList<>());
            if (domainSigners.stream().anyMatch(other -> other.selector().equals(k.selector()))) {
                throw new InvalidConfigException("dkim." + k.domain(), "selector " + k.selector() + " is configured twice");
            }
            domainSigners.add(signer);
        }
    }

    public boolean hasKeyFor(Domain domain) {
        return signers.containsKey(domain);
    }

    /**
     * The message with a DKIM-Signature for its From domain, or the message itself when that domain
     * has no key.
     *
     * @throws DkimSigningException when a key exists but signing fails
     */
    public RenderedMessage sign(RenderedMessage message) {
        List<DomainKeySigner> domainSigners = signers.get(message.fromDomain());
        if (domainSigners == null) {
            return message;
        }
        try {
            byte[] unsigned = message.content().toByteArray();
            ByteArrayOutputStream fields = new ByteArrayOutputStream();
            for (DomainKeySigner signer : domainSigners) {
                fields.writeBytes(signer.signatureField(unsigned));
            }
            return message.withContent(message.content().withFieldsPrepended(fields.toByteArray()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DkimSigningException(message.messageId(), message.fromDomain(), e);
        }
    }
}
