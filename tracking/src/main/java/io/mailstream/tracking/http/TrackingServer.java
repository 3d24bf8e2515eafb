package io.mailstream.tracking.http;

import com.sun.net.httpserver.HttpServer;
import io.mailstream.schemas.verp.TrackingTokens;
import io.mailstream.tracking.TrackingConfig;
import io.mailstream.tracking.TrackingException;
import io.mailstream.tracking.classify.MachineDetector;
import io.mailstream.tracking.events.EngagementSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking endpoint: the JDK's HTTP server, one virtual thread per request, answering
 * {@code /c/<token>} and {@code /o/<token>} ({@link TrackingHandler}) and {@code /health}. TLS is
 * terminated in front of it (the public base URL is https; a load balancer or ingress holds the
 * certificate), as for every stateless HTTP service of the fleet: run as many replicas as needed.
 */
public final class TrackingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private TrackingServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts listening; events go to {@code sink}, which the caller owns and closes after this server. */
    public static TrackingServer start(TrackingConfig config, EngagementSink sink, Clock clock) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 1024);
        } catch (IOException e) {
            throw new TrackingException("cannot listen on " + config.bindAddress() + ":" + config.port()
                    + " (" + e.getMessage() + "); choose another --port or --bind", e);
        }
        TrackingHandler handler = new TrackingHandler(new TrackingTokens(config.keys()), new MachineDetector(config.machineMinDelay()),
                sink, config.privacy(), clock);
        server.createContext(TrackingHandler.CLICK_PATH, handler);
        server.createContext(TrackingHandler.OPEN_PATH, handler);
        server.createContext("/health", ex -> {
            try (ex) {
                byte[] up = "UP\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                ex.sendResponseHeaders(200, up.length);
                ex.getResponseBody().write(up);
            }
        });
        server.createContext("/", ex -> {
            try (ex) {
                ex.sendResponseHeaders(404, -1);
            }
        });
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tracking-http-", 0).factory());
        server.setExecutor(executor);
        server.start();
        LOG.info("tracking endpoint listening on {}", server.getAddress());
        return new TrackingServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<host>:<port>}, for tests and the local stack. */
    public URI localBase() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
