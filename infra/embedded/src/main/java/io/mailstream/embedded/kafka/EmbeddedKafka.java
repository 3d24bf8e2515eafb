package io.mailstream.embedded.kafka;

import io.mailstream.embedded.kafka.internal.BrokerProperties;
import io.mailstream.embedded.kafka.internal.Directories;
import io.mailstream.embedded.kafka.internal.ExitGuard;
import io.mailstream.embedded.kafka.internal.FreePorts;
import io.mailstream.embedded.kafka.internal.StorageFormatter;
import io.mailstream.embedded.secure.StackSecurity;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller roles) running inside
 * this JVM, built from Kafka's own server classes: the storage is formatted as
 * {@code kafka-storage.sh format} does, then a {@link KafkaRaftServer} is started. For the local
 * stack and integration tests; it speaks the normal Kafka protocol on {@link #bootstrapServers()}.
 *
 * <p>With no log directory configured it uses a temporary one, deleted on {@link #close()}; a
 * configured one is kept so a later instance restarts on the same data and cluster id.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean temporaryDir;
    private final String clusterId;
    private final int brokerPort;
    private final KafkaClientSettings adminSettings;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean temporaryDir, String clusterId, int brokerPort,
                          KafkaClientSettings adminSettings) {
        this.adminSettings = adminSettings;
        this.server = server;
        this.logDir = logDir;
        this.temporaryDir = temporaryDir;
        this.clusterId = clusterId;
        this.brokerPort = brokerPort;
    }

    /** Starts a broker with {@link EmbeddedKafkaConfig#defaults()}. */
    public static EmbeddedKafka start() {
        return start(EmbeddedKafkaConfig.defaults());
    }

    /**
     * Formats (if needed) and starts the broker, returning once it answers clients.
     *
     * @throws EmbeddedKafkaException if it cannot be formatted or does not start in time
     */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        boolean portsPicked = config.brokerPort() == 0 || config.controllerPort() == 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(config);
            } catch (EmbeddedKafkaException e) {
                // A port we found free can be taken by another process before the broker binds it;
                // picking new ones is the only cure. Ports the caller chose are not ours to change.
                if (!portsPicked || attempt >= MAX_BIND_ATTEMPTS || !isPortTaken(e)) {
                    throw e;
                }
                LOG.warn("Embedded Kafka: a picked port was taken before the broker bound it; retrying with new ports");
            }
        }
    }

    private static final int MAX_BIND_ATTEMPTS = 3;

    private static boolean isPortTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static EmbeddedKafka startOnce(EmbeddedKafkaConfig config) {
        long t0 = System.nanoTime();
        boolean temporary = config.logDir().isEmpty();
        Path dir = config.logDir().orElseGet(EmbeddedKafka::createTempDir);
        int[] free = FreePorts.pickTwo();
        int brokerPort = config.brokerPort() != 0 ? config.brokerPort() : free[0];
        int controllerPort = config.controllerPort() != 0 ? config.controllerPort() : free[1];
        Map<String, String> props = BrokerProperties.of(config, dir, brokerPort, controllerPort);
        ExitGuard.acquire();
        KafkaRaftServer server = null;
        try {
            String clusterId = StorageFormatter.format(dir, props,
                    config.security().map(StackSecurity::formatArguments).orElse(java.util.List.of()));
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(server, dir, temporary, clusterId, brokerPort,
                    config.security().map(StackSecurity::adminSettings).orElseGet(KafkaClientSettings::none));
            kafka.awaitReady(config.startTimeout());
            LOG.info("Embedded Kafka started on {} (cluster {}, log dir {}) in {} ms", kafka.bootstrapServers(),
                    clusterId, dir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return kafka;
        } catch (RuntimeException e) {
            stopQuietly(server);
            ExitGuard.release();
            if (temporary) {
                deleteQuietly(dir);
            }
            throw e instanceof EmbeddedKafkaException eke ? eke : EmbeddedKafkaException.startFailed(dir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = Admin.create(adminConnection().merge(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "mailstream-embedded-readiness")))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw EmbeddedKafkaException.startFailed(logDir, e.getCause());
        } catch (TimeoutException e) {
            throw EmbeddedKafkaException.startFailed(logDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EmbeddedKafkaException.startFailed(logDir, e);
        }
    }

    /** {@code localhost:port} of the client listener. */
    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    /** The client listener with the stack's admin credentials (plaintext and no credentials on an unsecured broker). */
    public KafkaConnection adminConnection() {
        return new KafkaConnection(bootstrapServers(), adminSettings);
    }

    public String clusterId() {
        return clusterId;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker and waits for it; deletes the log directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopQuietly(server);
        } finally {
            ExitGuard.release();
            if (temporaryDir) {
                deleteQuietly(logDir);
            }
        }
        LOG.info("Embedded Kafka on {} stopped", bootstrapServers());
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka did not shut down cleanly", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("mailstream-kafka-");
        } catch (IOException e) {
            throw EmbeddedKafkaException.io(Path.of(System.getProperty("java.io.tmpdir")),
                    "could not create a temporary log dir", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete temporary Kafka log dir {}", dir, e);
        }
    }
}
