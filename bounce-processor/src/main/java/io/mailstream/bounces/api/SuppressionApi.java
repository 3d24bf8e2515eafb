package io.mailstream.bounces.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mailstream.schemas.http.ServerTls;
import io.mailstream.bounces.suppress.SuppressionWriter;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounce processor's HTTP API: {@code /suppressions} and the signed one-click unsubscribe
 * pages {@code /u/<token>} (the unsigned {@code /unsubscribe?address=}, which let anyone
 * unsubscribe anyone, is gone) on the JDK's
 * HTTP server with a bounded, named thread pool. It owns the server and its threads; the view
 * and the writer belong to the caller.
 */
public final class SuppressionApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionApi.class);

    private final HttpServer http;
    private final ThreadPoolExecutor executor;

    private SuppressionApi(HttpServer http, ThreadPoolExecutor executor) {
        this.http = http;
        this.executor = executor;
    }

    public static SuppressionApi start(HttpApiConfig config, SuppressionView view, SuppressionWriter writer, Clock clock) {
        return start(config, view, writer, Optional.empty(), clock);
    }

    /** As the other {@code start}, also serving the signed one-click pages {@code /u/<token>} when {@code tokens} is given. */
    public static SuppressionApi start(HttpApiConfig config, SuppressionView view, SuppressionWriter writer,
                                       Optional<UnsubscribeTokens> tokens, Clock clock) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "mailstream-bounces-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            HttpServer http = ServerTls.create(new InetSocketAddress(config.bindAddress(), config.port()), config.tls());
            JsonExchange out = new JsonExchange(new ObjectMapper());
            http.createContext(SuppressionsHandler.PATH,
                    new SuppressionsHandler(view, writer, new BearerToken(config.token()), out, clock, config.bodyTimeout()));
            tokens.ifPresent(t -> http.createContext(OneClickUnsubscribeHandler.PATH,
                    new OneClickUnsubscribeHandler(t, writer, clock, config.bodyTimeout())));
            http.setExecutor(executor);
            http.start();
            LOG.info("suppression API listening on {}:{} ({}{})", config.bindAddress(), http.getAddress().getPort(),
                    config.tls().isPresent() ? "HTTPS" : "plain HTTP", config.token().isPresent() ? ", token required" : "");
            return new SuppressionApi(http, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen for HTTP on " + config.bindAddress() + ":" + config.port()
                    + ": " + e.getMessage() + "; choose another --http-port", e);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
