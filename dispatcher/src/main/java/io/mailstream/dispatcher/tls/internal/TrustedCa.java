package io.mailstream.dispatcher.tls.internal;

import io.mailstream.dispatcher.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds an {@link SSLContext} (or trust manager) that trusts exactly the CA certificates of a PEM file. */
public final class TrustedCa {
    private TrustedCa() {
    }

    public static SSLContext sslContext(Path pemFile) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trustManagerFactory(pemFile).getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigException("tls.trusted-ca", "cannot load CA certificates from " + pemFile + ": " + e);
        }
    }

    /** The JDK's X.509 trust manager over the CAs of {@code pemFile}, or over the JDK's own CAs when empty. */
    public static X509ExtendedTrustManager trustManager(java.util.Optional<Path> pemFile) {
        try {
            TrustManagerFactory tmf;
            if (pemFile.isPresent()) {
                tmf = trustManagerFactory(pemFile.get());
            } else {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
            }
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigException("tls.trusted-ca", "cannot load CA certificates: " + e);
        }
    }

    private static TrustManagerFactory trustManagerFactory(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new InvalidConfigException("tls.trusted-ca", "no certificate in " + pemFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigException("tls.trusted-ca", "cannot load CA certificates from " + pemFile + ": " + e);
        }
    }
}
