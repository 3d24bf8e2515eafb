package io.mailstream.dispatcher.tls;

import io.mailstream.dispatcher.tls.internal.HostVerifyingSocketFactory;
import io.mailstream.dispatcher.tls.internal.ReportingTrust;
import io.mailstream.dispatcher.tls.internal.TrustAnyCertificate;
import io.mailstream.dispatcher.tls.internal.TrustedCa;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory a route's {@link TlsSettings} call for, layered by the SMTP client on its
 * TCP connection for STARTTLS (RFC 3207) or from the first byte (RFC 8314 §3.3): none for
 * {@link TlsPolicy#NONE}; any certificate for {@link TlsPolicy#OPPORTUNISTIC} (RFC 7435: most MX
 * certificates do not verify, and encryption still beats clear text); for
 * {@link TlsPolicy#OPPORTUNISTIC} with {@link TlsSettings#reporting()}, any certificate too, judged and reported
 * (MTA-STS testing mode); for {@link TlsPolicy#REQUIRED} (with a reporting, the verdict is also reported) the trusted CAs (the route's PEM file, else the JDK's) and the server
 * name checked by the JDK's endpoint identification.
 */
public final class TlsSockets {
    private TlsSockets() {
    }

    /** @param serverName the name the certificate must carry (the configured or MX host name) */
    public static Optional<SSLSocketFactory> forRoute(TlsSettings tls, String serverName) {
        return switch (tls.policy()) {
            case NONE -> Optional.empty();
            case OPPORTUNISTIC -> Optional.of(tls.reporting()
                    .<SSLSocketFactory>map(r -> new HostVerifyingSocketFactory(ReportingTrust.sslContext(r, serverName).getSocketFactory(),
                            serverName, false))
                    .orElseGet(() -> TrustAnyCertificate.sslContext().getSocketFactory()));
            case REQUIRED -> {
                SSLContext ctx = tls.reporting().isPresent()
                        ? ReportingTrust.enforcing(TrustedCa.trustManager(tls.trustedCa()), tls.reporting().get(), serverName)
                        : tls.trustedCa().map(TrustedCa::sslContext).orElseGet(TlsSockets::defaultContext);
                yield Optional.of(new HostVerifyingSocketFactory(ctx.getSocketFactory(), serverName));
            }
        };
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
