package io.mailstream.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real HTTPS server on localhost with a certificate signed by a throw-away CA, answering
 * {@code GET /schemas/ids/1} like a schema registry, but only to requests whose
 * {@code Authorization} header is the expected one (401 otherwise). Records the headers it saw.
 */
final class HttpsRegistryFixture implements AutoCloseable {
    static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[{\"name\":\"at\",\"type\":\"long\"}]}";
    private final HttpsServer server;
    private final X509Certificate ca;
    final List<HttpExchangeHeaders> seen = new CopyOnWriteArrayList<>();

    record HttpExchangeHeaders(Optional<String> authorization, Optional<String> logicalCluster) {
    }

    private HttpsRegistryFixture(HttpsServer server, X509Certificate ca) {
        this.server = server;
        this.ca = ca;
    }

    static HttpsRegistryFixture demanding(String expectedAuthorization) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        KeyPair caKeys = kpg.generateKeyPair();
        KeyPair serverKeys = kpg.generateKeyPair();
        X500Name caName = new X500Name("CN=mailstream registry test CA");
        Date from = Date.from(Instant.now().minus(Duration.ofDays(1)));
        Date to = Date.from(Instant.now().plus(Duration.ofDays(1)));
        JcaX509v3CertificateBuilder caCert = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKeys.getPublic());
        caCert.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withRSA");
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(caCert.build(signer.build(caKeys.getPrivate())));
        JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
                new X500Name("CN=localhost"), serverKeys.getPublic());
        leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(leaf.build(signer.build(caKeys.getPrivate())));

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverKeys.getPrivate(), "pw".toCharArray(), new Certificate[] {cert, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        HttpsRegistryFixture fixture = new HttpsRegistryFixture(server, ca);
        server.createContext("/", exchange -> fixture.answer(exchange, expectedAuthorization));
        server.start();
        return fixture;
    }

    private void answer(HttpExchange exchange, String expectedAuthorization) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(new HttpExchangeHeaders(Optional.ofNullable(auth),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("target-sr-cluster"))));
        boolean ok = expectedAuthorization.equals(auth) && exchange.getRequestURI().getPath().equals("/schemas/ids/1");
        byte[] body = (ok ? "{\"schema\":" + quote(SCHEMA) + "}"
                : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** The CA as a PKCS12 trust store with the given password. */
    Path writeTrustStore(Path dir, String password) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", ca);
        Path file = dir.resolve("registry-ca.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ts.store(out, password.toCharArray());
        }
        return file;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
