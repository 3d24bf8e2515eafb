package io.mailstream.dispatcher.tls;

import io.mailstream.dispatcher.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Judges an MX host's certificate chain as an enforced MTA-STS policy would (RFC 8461 §4.1): valid
 * now, issued by a trusted CA, and naming the MX host in a subject alternative name, a wildcard
 * standing for exactly one leftmost label. In testing mode the verdict is reported, never enforced
 * (§5). Thread-safe.
 */
public final class CertificateCheck {
    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    public CertificateCheck(Collection<X509Certificate> trusted, Clock clock) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("a certificate check needs at least one trusted CA");
        }
        Set<TrustAnchor> a = new HashSet<>();
        trusted.forEach(c -> a.add(new TrustAnchor(c, null)));
        this.anchors = Set.copyOf(a);
        this.clock = clock;
    }

    /** Trusting the JDK's default CAs, as MTA-STS's web PKI does. */
    public static CertificateCheck jdkDefault(Clock clock) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return new CertificateCheck(Arrays.asList(x.getAcceptedIssuers()), clock);
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's trusted CAs", e);
        }
    }

    /** Trusting the CAs of a PEM file ({@code mta-sts.trusted-ca}), as the enforced path does. */
    public static CertificateCheck trusting(Path pem, Clock clock) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            return new CertificateCheck(cas, clock);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidConfigException("mta-sts.trusted-ca", "no CA certificate in " + pem + ": "
                    + e.getMessage());
        }
    }

    /** Empty when the chain is good for {@code mxHost}; else the RFC 8460 failure it is. */
    public Optional<TlsResultType> judge(X509Certificate[] chain, String mxHost) {
        if (chain == null || chain.length == 0) {
            return Optional.of(TlsResultType.VALIDATION_FAILURE);
        }
        Date now = Date.from(clock.instant());
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(now);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                return Optional.of(TlsResultType.CERTIFICATE_EXPIRED);
            }
        }
        if (!names(chain[0]).stream().anyMatch(n -> matches(n, mxHost))) {
            return Optional.of(TlsResultType.CERTIFICATE_HOST_MISMATCH);
        }
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false); // revocation is not part of what MTA-STS asks (§4.1)
            params.setDate(now);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                    .generateCertPath(withoutAnchor(chain)), params);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    ? TlsResultType.CERTIFICATE_EXPIRED : TlsResultType.CERTIFICATE_NOT_TRUSTED);
        } catch (GeneralSecurityException e) {
            return Optional.of(TlsResultType.VALIDATION_FAILURE);
        }
    }

    // A server may send its root too; PKIX wants the path without the trust anchor.
    private List<X509Certificate> withoutAnchor(X509Certificate[] chain) {
        List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
        while (path.size() > 1 && anchors.stream().anyMatch(a -> a.getTrustedCert().equals(path.getLast()))) {
            path.removeLast();
        }
        return path;
    }

    private static List<String> names(X509Certificate c) {
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans == null) {
                return List.of();
            }
            return sans.stream().filter(s -> Integer.valueOf(2).equals(s.get(0))).map(s -> String.valueOf(s.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** RFC 8461 §4.1 / RFC 6125 §6.4.3: exact, or {@code *.example.com} for exactly one more leftmost label. */
    static boolean matches(String certName, String host) {
        String n = stripDot(certName.toLowerCase(Locale.ROOT));
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        if (n.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(n.substring(2));
        }
        return n.equals(h);
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
