package io.mailstream.console.health;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asks every configured service for its readiness at once, each within {@link #TIMEOUT}, so a page
 * that shows them waits for the slowest answer only, never longer than that.
 */
public final class HealthProbe {
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_DETAIL = 300;

    private final List<HealthEndpoint> endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public HealthProbe(List<HealthEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    public boolean configured() {
        return !endpoints.isEmpty();
    }

    /** Every endpoint's answer, in the configured order. */
    public List<HealthRow> probe() {
        List<CompletableFuture<HealthRow>> answers = endpoints.stream().map(this::ask).toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /**
     * The SMTP pools and traffic policies of every endpoint that is a dispatcher's, from its {@code /metrics};
     * endpoints that do not answer, or are not a dispatcher's, are left out.
     */
    public List<DispatcherPools> pools() {
        List<CompletableFuture<DispatcherPools>> answers = endpoints.stream().map(e -> http.sendAsync(
                        HttpRequest.newBuilder(e.metrics()).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200 ? DispatcherPools.of(e.name(), PrometheusText.parse(r.body())) : null)
                .exceptionally(t -> null)).toList();
        return answers.stream().map(CompletableFuture::join).filter(p -> p != null && p.isDispatcher()).toList();
    }

    private CompletableFuture<HealthRow> ask(HealthEndpoint e) {
        String url = e.readiness().toString();
        HttpRequest request = HttpRequest.newBuilder(e.readiness()).timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new HealthRow(e.name(), url, switch (r.statusCode()) {
                    case 200 -> HealthRow.Status.READY;
                    case 503 -> HealthRow.Status.NOT_READY;
                    default -> HealthRow.Status.UNREACHABLE; // not a mailstream ops port
                }, r.statusCode() == 200 || r.statusCode() == 503 ? shorten(r.body()) : "HTTP " + r.statusCode()))
                .exceptionally(t -> new HealthRow(e.name(), url, HealthRow.Status.UNREACHABLE,
                        shorten(String.valueOf((t.getCause() == null ? t : t.getCause()).toString()))));
    }

    private static String shorten(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= MAX_DETAIL ? one : one.substring(0, MAX_DETAIL) + "…";
    }
}
