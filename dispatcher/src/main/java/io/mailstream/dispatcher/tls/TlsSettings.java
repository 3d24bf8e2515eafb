package io.mailstream.dispatcher.tls;

import io.mailstream.dispatcher.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS for one route.
 *
 * @param policy     {@code tls}: {@link TlsPolicy}
 * @param implicit   {@code tls.implicit}: TLS from the first byte (port 465, RFC 8314 §3.3) instead of STARTTLS;
 *                   only with {@link TlsPolicy#REQUIRED}
 * @param trustedCa  {@code tls.trusted-ca}: a PEM file of CA certificates to trust instead of the JDK's
 *                   default trust store (a private relay's CA, or a test CA)
 * @param reporting  report each session's certificate verdict (TLS-RPT): with {@link TlsPolicy#OPPORTUNISTIC} judged
 *                   as MTA-STS would and never enforced (testing mode), with {@link TlsPolicy#REQUIRED} enforced as
 *                   before and reported (enforce mode)
 */
public record TlsSettings(TlsPolicy policy, boolean implicit, Optional<Path> trustedCa, Optional<TlsReporting> reporting) {
    public static final TlsSettings NONE = new TlsSettings(TlsPolicy.NONE, false, Optional.empty());
    public static final TlsSettings OPPORTUNISTIC = new TlsSettings(TlsPolicy.OPPORTUNISTIC, false, Optional.empty());
    public static final TlsSettings REQUIRED = new TlsSettings(TlsPolicy.REQUIRED, false, Optional.empty());

    public TlsSettings(TlsPolicy policy, boolean implicit, Optional<Path> trustedCa) {
        this(policy, implicit, trustedCa, Optional.empty());
    }

    public TlsSettings {
        if (reporting == null || reporting.isPresent() && policy == TlsPolicy.NONE) {
            throw new InvalidConfigException("tls", "reporting certificates needs TLS (OPPORTUNISTIC or REQUIRED), was " + policy);
        }
        if (policy == null) {
            throw new InvalidConfigException("tls", "is required (NONE, OPPORTUNISTIC or REQUIRED)");
        }
        if (trustedCa == null) {
            throw new InvalidConfigException("tls.trusted-ca", "must not be null");
        }
        if (implicit && policy != TlsPolicy.REQUIRED) {
            throw new InvalidConfigException("tls.implicit", "implicit TLS (port 465) needs tls=REQUIRED, was " + policy);
        }
        if (trustedCa.isPresent() && policy != TlsPolicy.REQUIRED) {
            throw new InvalidConfigException("tls.trusted-ca", "only used with tls=REQUIRED, was " + policy);
        }
        trustedCa.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw new InvalidConfigException("tls.trusted-ca", "cannot read " + p);
            }
        });
    }

    /** STARTTLS required, verified against the CAs in {@code pemFile}. */
    public static TlsSettings requiredTrusting(Path pemFile) {
        return new TlsSettings(TlsPolicy.REQUIRED, false, Optional.of(pemFile));
    }

    /** Opportunistic STARTTLS whose certificate verdict is reported (MTA-STS testing mode). */
    public static TlsSettings opportunisticReporting(TlsReporting reporting) {
        return new TlsSettings(TlsPolicy.OPPORTUNISTIC, false, Optional.empty(), Optional.of(reporting));
    }

    /** This route's TLS, reporting each session's certificate verdict. */
    public TlsSettings reportingTo(TlsReporting r) {
        return new TlsSettings(policy, implicit, trustedCa, Optional.of(r));
    }

    /** Implicit TLS (port 465), verified against the JDK trust store. */
    public static TlsSettings implicitTls() {
        return new TlsSettings(TlsPolicy.REQUIRED, true, Optional.empty());
    }
}
