package io.mailstream.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends transactional requests to the HTTP API at a fixed rate for a fixed time, each to a recipient
 * in one of {@code domains} in turn, and remembers when each was answered {@code 202} (the start of its
 * latency). Requests are sent asynchronously: a slow answer does not slow the rate down.
 */
final class TransactionalLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** HTTP/1.1: the API's server speaks nothing else, and an h2c upgrade attempt per connection is wasted work. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile long total;
    private final URI endpoint;
    private final String secret;
    private final String from;
    private final List<String> domains;
    private final Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    /** Why requests were not accepted: HTTP status or exception class, with counts (for the table). */
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();

    private final String prefix;

    TransactionalLoad(int apiPort, String secret, String from, List<String> domains) {
        this(apiPort, secret, from, domains, "tx");
    }

    /** @param prefix of the recipients' local parts, so that a warm-up's recipients differ from the measured ones */
    TransactionalLoad(int apiPort, String secret, String from, List<String> domains, String prefix) {
        this.prefix = prefix;
        this.endpoint = URI.create("http://localhost:" + apiPort + "/v1/messages");
        this.secret = secret;
        this.from = from;
        this.domains = List.copyOf(domains);
    }

    /** Sends {@code rate} requests a second for {@code duration}, then waits (up to 30 s) for the last answers. */
    void run(int rate, Duration duration) throws InterruptedException {
        total = Math.max(1, rate * duration.toMillis() / 1000);
        long periodNanos = 1_000_000_000L / rate;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-transactional-load");
            t.setDaemon(true);
            return t;
        });
        try {
            ticker.scheduleAtFixedRate(() -> {
                int n = sent.getAndIncrement();
                if (n < total) {
                    send(n);
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + duration.toNanos() + Duration.ofSeconds(30).toNanos();
            while ((acceptedAt.size() + refused.get() < total || sent.get() < total) && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling our own counters, not waiting for an outside condition
            }
        } finally {
            ticker.shutdownNow();
        }
    }

    private void send(int n) {
        String to = prefix + n + "@" + domains.get(n % domains.size());
        String body = "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"subject\": \"Your code " + n
                + "\", \"text\": \"Your one-time code is " + (100000 + n) + ".\"}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            Instant now = Instant.now();
            if (error != null || response.statusCode() != 202) {
                refused.incrementAndGet();
                Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
                refusals.merge(error != null ? cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")"
                        : "HTTP " + response.statusCode(), 1, Integer::sum);
                return;
            }
            try {
                acceptedAt.put(JSON.readTree(response.body()).get("id").asText(), now);
            } catch (java.io.IOException e) {
                refused.incrementAndGet();
            }
        });
    }

    Map<String, Instant> accepted() {
        return Map.copyOf(acceptedAt);
    }

    Map<String, Integer> refusals() {
        return new java.util.TreeMap<>(refusals);
    }

    /** Requests sent (answered or not). */
    int requested() {
        return (int) Math.min(sent.get(), total);
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        http.close();
    }
}
