package io.mailstream.embedded.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mailstream.embedded.registry.internal.BasicAuthFilter;
import io.mailstream.embedded.registry.internal.RegistryHttpHandler;
import io.mailstream.embedded.registry.internal.RegistryRecords;
import io.mailstream.embedded.registry.internal.SchemaLog;
import io.mailstream.embedded.registry.internal.SchemaRegistryService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks the Confluent Schema Registry REST API (the subset serializers
 * and our tools use, Avro only) and stores everything in the compacted {@code _schemas} topic of
 * a Kafka cluster, in Confluent's record layout. A new instance on the same cluster reads the
 * topic back, so ids survive restarts. Served by the JDK's HTTP server on localhost.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Bound to the name we advertise, so clients resolve it to the address we listen on. */
    private static final String HOST = "localhost";

    private final HttpServer http;
    private final ExecutorService workers;
    private final SchemaLog log;

    private EmbeddedSchemaRegistry(HttpServer http, ExecutorService workers, SchemaLog log) {
        this.http = http;
        this.workers = workers;
        this.log = log;
    }

    /**
     * Creates {@code _schemas} if missing, reads it to the end, then serves HTTP.
     *
     * @throws SchemaRegistryException if the topic cannot be read or created
     */
    public static EmbeddedSchemaRegistry start(EmbeddedSchemaRegistryConfig config) {
        ObjectMapper json = new ObjectMapper();
        SchemaLog log = new SchemaLog(config.kafka(), config.kafkaTimeout());
        ExecutorService workers = null;
        try {
            SchemaRegistryService service = new SchemaRegistryService(log, new RegistryRecords(json));
            int instance = INSTANCES.incrementAndGet();
            AtomicInteger threadNo = new AtomicInteger();
            workers = Executors.newFixedThreadPool(config.httpThreads(), r -> {
                Thread t = new Thread(r, "schema-registry-" + instance + "-http-" + threadNo.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(HOST), config.port());
            HttpServer http;
            com.sun.net.httpserver.HttpHandler handler = new RegistryHttpHandler(service, json);
            if (config.security().isPresent()) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(config.security().get().tls()));
                http = https;
                handler = new BasicAuthFilter(config.security().get(), handler);
            } else {
                http = HttpServer.create(address, 0);
            }
            http.createContext("/", handler);
            http.setExecutor(workers);
            http.start();
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(http, workers, log);
            LOG.info("Embedded schema registry on {} backed by {} at {}", registry.url(), SchemaLog.SPEC.name(),
                    config.kafka().bootstrapServers());
            return registry;
        } catch (IOException e) {
            shutdown(workers);
            log.close();
            throw new UncheckedIOException("could not bind the schema registry to port " + config.port(), e);
        } catch (RuntimeException e) {
            shutdown(workers);
            log.close();
            throw e;
        }
    }

    /** {@code http://localhost:port} (or https when secured), the value for {@code schema.registry.url}. */
    public String url() {
        return (http instanceof HttpsServer ? "https://" : "http://") + HOST + ":" + port();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        shutdown(workers);
        log.close();
        LOG.info("Embedded schema registry on port {} stopped", port());
    }

    private static void shutdown(ExecutorService workers) {
        if (workers == null) {
            return;
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
