package io.mailstream.webhooks.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mailstream.webhooks.sign.WebhookSigner;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK client against a real HTTP server: what each kind of answer (or its absence) becomes. */
class HttpEndpointClientTest {
    private HttpServer server;
    /** Holds a hanging receiver's answer until the test is over: no answer within any timeout, no fixed wait. */
    private final CountDownLatch answerAfterTest = new CountDownLatch(1);
    private final AtomicReference<String> signature = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();

    private URI serve(int status, String retryAfter, boolean hang) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            signature.set(ex.getRequestHeaders().getFirst(WebhookSigner.HEADER));
            contentType.set(ex.getRequestHeaders().getFirst("Content-Type"));
            ex.getRequestBody().readAllBytes();
            if (hang) {
                try {
                    answerAfterTest.await(); // the receiver that never answers in time: what the timeout is for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (retryAfter != null) {
                ex.getResponseHeaders().add("Retry-After", retryAfter);
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        answerAfterTest.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private static HttpEndpointClient client(URI url, Duration timeout) {
        return new HttpEndpointClient(HttpEndpointClient.defaultClient(Duration.ofSeconds(2)), url, timeout, Clock.systemUTC());
    }

    @Test
    void a2xxShouldBeAcceptedAndTheRequestCarryTheSignatureAndJsonType() throws Exception {
        PostResult r = client(serve(204, null, false), Duration.ofSeconds(5)).post("[]".getBytes(), "t=1,kid=k,v1=ab");
        assertThat(r).isEqualTo(new PostResult.Accepted(204));
        assertThat(signature.get()).isEqualTo("t=1,kid=k,v1=ab");
        assertThat(contentType.get()).isEqualTo("application/json");
    }

    @Test
    void a503WithRetryAfterShouldBeRetryableAfterThatWait() throws Exception {
        PostResult r = client(serve(503, "7", false), Duration.ofSeconds(5)).post("[]".getBytes(), "x");
        assertThat(r).isEqualTo(new PostResult.Retryable(503, "HTTP 503", Optional.of(Duration.ofSeconds(7))));
    }

    @Test
    void a404ShouldBeRejectedAndARedirectNotFollowed() throws Exception {
        assertThat(client(serve(404, null, false), Duration.ofSeconds(5)).post("[]".getBytes(), "x"))
                .isInstanceOf(PostResult.Rejected.class);
        stop();
        assertThat(client(serve(302, null, false), Duration.ofSeconds(5)).post("[]".getBytes(), "x"))
                .isEqualTo(new PostResult.Rejected(302, "HTTP 302 (not retried: only 5xx, 408 and 429 are)"));
    }

    @Test
    void aTimeoutAndARefusedConnectionShouldBeRetryable() throws Exception {
        PostResult slow = client(serve(200, null, true), Duration.ofMillis(300)).post("[]".getBytes(), "x");
        assertThat(slow).isInstanceOfSatisfying(PostResult.Retryable.class, r -> assertThat(r.reason()).contains("timed out"));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        PostResult refused = client(URI.create("http://127.0.0.1:" + closed + "/hook"), Duration.ofSeconds(2)).post("[]".getBytes(), "x");
        assertThat(refused).isInstanceOfSatisfying(PostResult.Retryable.class, r -> {
            assertThat(r.status()).isZero();
            assertThat(r.reason()).contains("connection failed");
        });
    }
}
