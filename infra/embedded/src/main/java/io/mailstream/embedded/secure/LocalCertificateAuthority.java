package io.mailstream.embedded.secure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for the secured local stack: one CA and one certificate for
 * {@code localhost} / {@code 127.0.0.1} (server and client use, so the broker's controller listener
 * can require it of the broker itself), written as PKCS12 stores. Nothing here is fit to protect a
 * network you do not own: the CA key lives only in this JVM and dies with it.
 */
public final class LocalCertificateAuthority {
    /** The subject of the stack's certificate, and so the broker's principal on its mTLS controller listener. */
    public static final String HOST_SUBJECT = "CN=localhost";
    private static final Duration VALIDITY = Duration.ofDays(30);

    private LocalCertificateAuthority() {
    }

    /** The files the stack's TLS uses; one password for both stores (it guards nothing the files' mode does not). */
    public record TlsFiles(Path keyStore, Path trustStore, String password) {
    }

    /** Writes {@code localhost.p12} (key and chain) and {@code ca.p12} (the CA only) into {@code dir}. */
    public static TlsFiles issue(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair caKeys = rsa.generateKeyPair();
            KeyPair hostKeys = rsa.generateKeyPair();
            Date from = Date.from(Instant.now().minus(Duration.ofHours(1)));
            Date to = Date.from(Instant.now().plus(VALIDITY));
            X500Name caName = new X500Name("CN=mailstream local stack CA");
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withRSA");
            JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName,
                    caKeys.getPublic());
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate ca = new JcaX509CertificateConverter().getCertificate(caBuilder.build(signer.build(caKeys.getPrivate())));
            JcaX509v3CertificateBuilder hostBuilder = new JcaX509v3CertificateBuilder(caName, serial(), from, to,
                    new X500Name(HOST_SUBJECT), hostKeys.getPublic());
            hostBuilder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            hostBuilder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            X509Certificate host = new JcaX509CertificateConverter().getCertificate(hostBuilder.build(signer.build(caKeys.getPrivate())));

            String password = Passwords.random();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("localhost", hostKeys.getPrivate(), password.toCharArray(), new Certificate[] {host, ca});
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("mailstream-local-ca", ca);
            TlsFiles files = new TlsFiles(dir.resolve("localhost.p12"), dir.resolve("ca.p12"), password);
            store(keys, files.keyStore(), password);
            store(trust, files.trustStore(), password);
            return files;
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("could not make the local stack's certificates: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the local stack's certificates into " + dir, e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static void store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        Passwords.ownerOnly(file);
    }
}
