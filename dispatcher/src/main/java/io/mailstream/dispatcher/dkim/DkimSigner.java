package io.mailstream.dispatcher.dkim;

import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Adds a DKIM-Signature (RFC 6376, relaxed/relaxed canonicalisation per §3.4.2 and §3.4.4;
 * rsa-sha256 for RSA keys, ed25519-sha256 per RFC 8463 for Ed25519 keys) to rendered messages whose From domain has a configured key; messages from other domains
 * pass unsigned. Signs the headers receivers and RFC 8058 §4 care about, including
 * List-Unsubscribe and List-Unsubscribe-Post, so one-click unsubscribe is honoured. Signing is
 * eager: the returned message is parsed back from the signed bytes and sends them unchanged.
 * Thread-safe (one key's signature engine is used by one thread at a time).
 */
public final class DkimSigner {
    /** Signed when present, in addition to the library's defaults (RFC 6376 §5.4.1 recommendations). */
    public static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID",
            "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
            "Reply-To");

    /** One domain's key: the wire bytes of a message, signed. */
    private interface KeySigner {
        byte[] signed(MimeMessage message) throws MessagingException, IOException, GeneralSecurityException;
    }

    private final Map<Domain, KeySigner> signers = new HashMap<>();
    private final Session session = Session.getInstance(new Properties());

    /** Loads every key now, so a bad key fails at start with its configuration key named. */
    public DkimSigner(List<DkimKeyConfig> keys) {
        for (DkimKeyConfig k : keys) {
            PrivateKey key = PemPrivateKeys.read(k.privateKey(), "dkim." + k.domain() + ".private-key");
            KeySigner signer = key instanceof RSAPrivateKey rsa ? rsa(k, rsa)
                    : ed25519(new Ed25519DkimSigner(k.domain(), k.selector(), key, SIGNED_HEADERS));
            if (signers.put(k.domain(), signer) != null) {
                throw new io.mailstream.dispatcher.InvalidConfigException("dkim." + k.domain(), "configured twice");
            }
        }
    }

    private static KeySigner rsa(DkimKeyConfig k, RSAPrivateKey key) {
        var signer = new org.simplejavamail.utils.mail.dkim.DkimSigner(k.domain().asString(), k.selector(), key);
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        // The library would look the public key up in DNS before every signature: not on the send path.
        signer.setCheckDomainKey(false);
        SIGNED_HEADERS.forEach(signer::addHeaderToSign);
        return message -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            synchronized (signer) {
                new DkimMessage(message, signer).writeTo(out);
            }
            return out.toByteArray();
        };
    }

    private static KeySigner ed25519(Ed25519DkimSigner signer) {
        return message -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return signer.sign(out.toByteArray());
        };
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
        Optional<Domain> from = fromDomain(message);
        var signer = from.map(signers::get).orElse(null);
        if (signer == null) {
            return message;
        }
        try {
            byte[] signed = signer.signed(message.mime());
            SignedMimeMessage out = new SignedMimeMessage(session, new ByteArrayInputStream(signed));
            out.setEnvelopeFrom(message.envelopeFrom().asString());
            return new RenderedMessage(message.messageId(), message.recipient(), message.envelopeFrom(), out);
        } catch (MessagingException | IOException | GeneralSecurityException | RuntimeException e) {
            throw new DkimSigningException(message.messageId(), from.get(), e);
        }
    }

    private static Optional<Domain> fromDomain(RenderedMessage message) {
        try {
            Address[] from = message.mime().getFrom();
            if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress ia)) {
                return Optional.empty();
            }
            return Optional.of(EmailAddress.parse(ia.getAddress()).domain());
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
