package io.mailstream.console.suppress;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The console's client of the bounce processor's suppression API ({@code /suppressions}): look up,
 * remove (a tombstone, as {@code mailstream suppress remove}) and export. It sends the API's own
 * bearer token, so the console can do no more than a holder of that token can.
 */
public final class SuppressionClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;
    private final Optional<String> token;

    public SuppressionClient(URI base, Optional<String> token) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.token = token;
    }

    public SuppressionLookup lookup(String address) {
        HttpResponse<String> r = send(request(path(address)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return new SuppressionLookup(address, Optional.empty());
        }
        expect(r.statusCode(), 200, "look up " + address, r.body());
        try {
            return new SuppressionLookup(address, Optional.of(JSON.readTree(r.body())));
        } catch (IOException e) {
            throw new SuppressionApiException("the suppression API at " + base + " answered non-JSON for " + address, e);
        }
    }

    /** Removes every source's suppression of {@code address}; true if there was one. */
    public boolean remove(String address) {
        HttpResponse<String> r = send(request(path(address)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return false;
        }
        if (r.statusCode() / 100 != 2) {
            expect(r.statusCode(), 200, "remove " + address, r.body());
        }
        return true;
    }

    /** The API's CSV export, streamed. */
    public InputStream exportCsv() {
        HttpResponse<InputStream> r = send(request("/suppressions/export?format=csv").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            try (InputStream body = r.body()) {
                expect(r.statusCode(), 200, "export", new String(body.readNBytes(2000), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SuppressionApiException("export failed with HTTP " + r.statusCode(), e);
            }
        }
        return r.body();
    }

    private static String path(String address) {
        return "/suppressions/" + URLEncoder.encode(address.strip(), StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new SuppressionApiException("cannot reach the suppression API at " + base + " (" + e.getMessage()
                    + "); check --suppressions-url and that the bounce processor runs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuppressionApiException("interrupted while asking the suppression API", e);
        }
    }

    private void expect(int status, int wanted, String what, String body) {
        if (status == 401 || status == 403) {
            throw new SuppressionApiException("the suppression API refused to " + what + " (HTTP " + status
                    + "): give the console the API's token with --suppressions-token");
        }
        if (status != wanted) {
            throw new SuppressionApiException("the suppression API could not " + what + " (HTTP " + status + "): " + body);
        }
    }
}
