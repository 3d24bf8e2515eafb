package io.mailstream.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.api.HttpApiConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.embedded.secure.LocalCertificateAuthority;
import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiKey;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.http.ServerTls;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public endpoints (the transactional API, the bounce processor's one-click unsubscribe pages)
 * serve HTTPS with the key store given by {@code --tls-keystore} / {@code --http-tls-keystore}, and
 * no plain HTTP on the same port; a wrong password fails at start, naming the option.
 */
class PublicEndpointsTlsIT {
    private static final String SECRET = "shop-secret-0123456789";

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    static Path dir;
    private static LocalCertificateAuthority.TlsFiles files;
    private static ServerTls tls;

    @BeforeAll
    static void certificates() throws IOException {
        files = LocalCertificateAuthority.issue(dir.resolve("tls"));
        Path passwordFile = Files.writeString(dir.resolve("password"), files.password() + "\n");
        tls = ServerTls.fromOptions("--tls-keystore", files.keyStore(), passwordFile, Map.of()).orElseThrow();
    }

    @Test
    void theTransactionalApiShouldAnswerOverHttpsAndNotInClear() throws Exception {
        ApiConfig config = ApiConfig.of(0, STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                List.of(new ApiKey("shop", SECRET, Set.of(Domain.of("shop.example"))))).withTls(Optional.of(tls));
        try (ApiServer api = ApiServer.start(config, new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl())),
                Clock.systemUTC())) {
            HttpRequest post = HttpRequest.newBuilder(URI.create("https://localhost:" + api.port() + "/v1/messages"))
                    .header("Authorization", "Bearer " + SECRET).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"from": "orders@shop.example", "to": "alice@example.com", "subject": "Order", "text": "Thanks."}"""))
                    .build();
            assertThat(trustingTheCa().send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);

            HttpRequest clear = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/v1/messages/x"))
                    .header("Authorization", "Bearer " + SECRET).timeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(clear, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theOneClickPagesShouldBeServedOverHttps() throws Exception {
        ReceiverConfig receiver = ReceiverConfig.of(new SignedVerp(Domain.of("bounces.example.com"), VerpKeys.generate("t")), 0);
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), receiver)
                .withStateDir(dir.resolve("bounce-state")).withApplicationId("tls-it-bounce-processor")
                .withHttp(HttpApiConfig.loopbackAnyPort().withTls(Optional.of(tls)));
        try (BounceProcessor processor = BounceProcessor.start(config)) {
            HttpRequest page = HttpRequest.newBuilder(URI.create("https://localhost:" + processor.httpPort() + "/u/not-a-token"))
                    .timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> answer = trustingTheCa().send(page, HttpResponse.BodyHandlers.ofString());
            // a forged token gets the page's clear refusal, over TLS
            assertThat(answer.statusCode()).isBetween(400, 499);
        }
    }

    @Test
    void aWrongPasswordShouldFailAtStartNamingTheOption() throws IOException {
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "not-it\n");
        assertThatThrownBy(() -> ServerTls.fromOptions("--http-tls-keystore", files.keyStore(), wrong, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--http-tls-keystore");
        assertThatThrownBy(() -> ServerTls.fromOptions("--tls-keystore", files.keyStore(), null, Map.of()))
                .hasMessageContaining(ServerTls.PASSWORD_ENV);
    }

    private static HttpClient trustingTheCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(files.trustStore())) {
            trust.load(in, files.password().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
