package io.mailstream.dispatcher.dkim;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.schemas.address.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One signing key: mail whose From domain is {@code domain} is signed with {@code d=domain} and
 * {@code s=selector} (RFC 6376 §3.1, the public key lives at {@code <selector>._domainkey.<domain>}).
 *
 * @param domain     {@code dkim.<domain>}: the sender (From) domain and signing domain
 * @param selector   {@code dkim.<domain>.selector}
 * @param privateKey {@code dkim.<domain>.private-key}: an unencrypted PKCS#8 PEM file
 *                   ({@code -----BEGIN PRIVATE KEY-----}) holding an RSA key of at least 1024 bits
 */
public record DkimKeyConfig(Domain domain, String selector, Path privateKey) {
    // RFC 6376 §3.1: the selector is one or more DNS labels.
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    public DkimKeyConfig {
        if (domain == null) {
            throw new InvalidConfigException("dkim", "a key needs its signing domain");
        }
        if (selector == null || !SELECTOR.matcher(selector).matches()) {
            throw new InvalidConfigException("dkim." + domain + ".selector", "must be DNS labels, was '" + selector + "'");
        }
        Objects.requireNonNull(privateKey, "privateKey");
        if (!Files.isReadable(privateKey)) {
            throw new InvalidConfigException("dkim." + domain + ".private-key", "cannot read " + privateKey);
        }
    }
}
