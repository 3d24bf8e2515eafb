package io.mailstream.dispatcher.mtasts;

import io.mailstream.dispatcher.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * MTA-STS (RFC 8461) for DIRECT_MX delivery. The policy host {@code mta-sts.<domain>} is resolved
 * through the dispatcher's own resolver ({@code dns.resolver}), like the MX hosts.
 *
 * @param enabled    {@code mta-sts.enabled}: look up and apply recipient domains' policies (default true)
 * @param policyPort {@code mta-sts.policy-port}: HTTPS port of the policy host (443; tests change it)
 * @param trustedCa  {@code mta-sts.trusted-ca}: PEM file of CAs to trust, for the policy host's certificate and
 *                   for the MX certificates an enforced policy requires, instead of the JDK's (tests)
 * @param fetchTimeout {@code mta-sts.fetch-timeout}: connect and read limit of one policy fetch (default 10 s)
 * @param recheck    {@code mta-sts.recheck}: how long a domain's TXT answer is trusted before it is asked
 *                   again (default 5 min); the policy itself is kept for its max_age
 */
public record MtaStsSettings(boolean enabled, int policyPort, Optional<Path> trustedCa, Duration fetchTimeout,
                             Duration recheck) {
    public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RECHECK = Duration.ofMinutes(5);

    public MtaStsSettings {
        if (policyPort < 1 || policyPort > 65535) {
            throw new InvalidConfigException("mta-sts.policy-port", "must be in 1..65535, was " + policyPort);
        }
        if (trustedCa == null) {
            throw new InvalidConfigException("mta-sts.trusted-ca", "must not be null");
        }
        trustedCa.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw new InvalidConfigException("mta-sts.trusted-ca", "cannot read " + p);
            }
        });
        if (fetchTimeout == null || fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new InvalidConfigException("mta-sts.fetch-timeout", "must be a positive duration, was " + fetchTimeout);
        }
        if (recheck == null || recheck.isNegative()) {
            throw new InvalidConfigException("mta-sts.recheck", "must not be negative, was " + recheck);
        }
    }

    public static MtaStsSettings defaults() {
        return new MtaStsSettings(true, 443, Optional.empty(), DEFAULT_FETCH_TIMEOUT, DEFAULT_RECHECK);
    }

    public static MtaStsSettings disabled() {
        return new MtaStsSettings(false, 443, Optional.empty(), DEFAULT_FETCH_TIMEOUT, DEFAULT_RECHECK);
    }

    public MtaStsSettings withPolicyPort(int port) {
        return new MtaStsSettings(enabled, port, trustedCa, fetchTimeout, recheck);
    }

    public MtaStsSettings withTrustedCa(Path pem) {
        return new MtaStsSettings(enabled, policyPort, Optional.of(pem), fetchTimeout, recheck);
    }
}
