package io.mailstream.webhooks.send;

import io.mailstream.webhooks.sign.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/** {@link EndpointClient} over the JDK's {@link HttpClient}: one POST of {@code application/json}, redirects not followed. */
public final class HttpEndpointClient implements EndpointClient {
    private final HttpClient client;
    private final URI url;
    private final Duration timeout;
    private final Clock clock;

    public HttpEndpointClient(HttpClient client, URI url, Duration timeout, Clock clock) {
        this.client = client;
        this.url = url;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A client that does not follow redirects: a 3xx is the receiver's mistake to fix, not a place to post events to. */
    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public PostResult post(byte[] body, String signatureHeader) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "mailstream-webhooks/1")
                .header(WebhookSigner.HEADER, signatureHeader)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return ResponseClassifier.classify(response.statusCode(), response.headers().firstValue("Retry-After"), clock.instant());
        } catch (HttpTimeoutException e) {
            return new PostResult.Retryable(0, "timed out after " + timeout, java.util.Optional.empty());
        } catch (IOException e) {
            return new PostResult.Retryable(0, "connection failed: " + e, java.util.Optional.empty());
        }
    }
}
