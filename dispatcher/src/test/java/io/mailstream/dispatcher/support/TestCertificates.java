package io.mailstream.dispatcher.support;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority and a server certificate it signed, for TLS tests. The JDK
 * checks validity against the real time, so the certificates are valid from a day ago to a day ahead.
 */
public final class TestCertificates {
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final KeyPair serverKeys;
    private final X509Certificate server;

    private TestCertificates(String serverName, String... moreNames) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        caKeys = kpg.generateKeyPair();
        serverKeys = kpg.generateKeyPair();
        X500Name caName = new X500Name("CN=mailstream test CA");
        Date from = Date.from(Instant.now().minus(Duration.ofDays(1)));
        Date to = Date.from(Instant.now().plus(Duration.ofDays(1)));
        JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName,
                caKeys.getPublic());
        caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(caBuilder);
        JcaX509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
                new X500Name("CN=" + serverName), serverKeys.getPublic());
        GeneralName[] names = new GeneralName[1 + moreNames.length];
        names[0] = new GeneralName(GeneralName.dNSName, serverName);
        for (int i = 0; i < moreNames.length; i++) {
            names[i + 1] = new GeneralName(GeneralName.dNSName, moreNames[i]);
        }
        serverBuilder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        server = sign(serverBuilder);
    }

    /** A CA and a certificate for {@code serverName} (as DNS subject alternative name) signed by it. */
    public static TestCertificates forServer(String serverName) {
        try {
            return new TestCertificates(serverName);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create test certificates", e);
        }
    }

    /** A CA and one certificate for all of these names (DNS subject alternative names), e.g. a policy host and an MX. */
    public static TestCertificates forServers(String serverName, String... moreNames) {
        try {
            return new TestCertificates(serverName, moreNames);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create test certificates", e);
        }
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
    }

    /** The CA certificate, to trust in certificate checks. */
    public X509Certificate ca() {
        return ca;
    }

    /** A chain {certificate, CA} for {@code name}, valid from {@code from} to {@code to}, signed by this CA: no server needed. */
    public X509Certificate[] chainFor(String name, Instant from, Instant to) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=mailstream test CA"),
                    BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to), new X500Name("CN=" + name),
                    serverKeys.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            return new X509Certificate[] {sign(b), ca};
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create a test certificate", e);
        }
    }

    /** Writes the CA certificate as PEM into {@code dir} and returns the file. */
    public Path writeCaPem(Path dir) throws IOException, GeneralSecurityException {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(dir.resolve("ca.pem"), pem, StandardCharsets.US_ASCII);
    }

    /** The server side: its key and the chain server → CA. */
    public SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "changeit".toCharArray();
            ks.setKeyEntry("server", serverKeys.getPrivate(), pw, new Certificate[] {server, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }
}
