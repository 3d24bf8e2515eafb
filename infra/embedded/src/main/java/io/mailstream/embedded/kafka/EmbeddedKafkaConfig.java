package io.mailstream.embedded.kafka;

import io.mailstream.embedded.secure.StackSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to run the in-process broker.
 *
 * @param logDir           where the broker keeps its data; empty = a temporary directory deleted on
 *                         close. A given directory is kept and reused (same cluster id) on restart.
 * @param brokerPort       client listener port; 0 = a free port
 * @param controllerPort   KRaft controller listener port; 0 = a free port
 * @param autoCreateTopics Kafka's {@code auto.create.topics.enable}
 * @param startTimeout     how long to wait for the broker to accept clients
 * @param brokerOverrides  extra broker properties, applied last (for tests of broker behaviour)
 * @param security         empty: one PLAINTEXT listener, no authorizer; else SASL_SSL with SCRAM users,
 *                         mTLS on the controller listener and ACLs ({@link StackSecurity})
 */
public record EmbeddedKafkaConfig(
        Optional<Path> logDir,
        int brokerPort,
        int controllerPort,
        boolean autoCreateTopics,
        Duration startTimeout,
        Map<String, String> brokerOverrides,
        Optional<StackSecurity> security) {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    public EmbeddedKafkaConfig {
        if (logDir == null) {
            throw new IllegalArgumentException("logDir is null; use Optional.empty() for a temporary directory");
        }
        checkPort("brokerPort", brokerPort);
        checkPort("controllerPort", controllerPort);
        if (brokerPort != 0 && brokerPort == controllerPort) {
            throw new IllegalArgumentException("brokerPort and controllerPort are both " + brokerPort);
        }
        if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
        brokerOverrides = Map.copyOf(brokerOverrides);
        if (security == null) {
            throw new IllegalArgumentException("security is null; use Optional.empty() for a plaintext broker");
        }
    }

    /** A plaintext broker. */
    public EmbeddedKafkaConfig(Optional<Path> logDir, int brokerPort, int controllerPort, boolean autoCreateTopics,
                               Duration startTimeout, Map<String, String> brokerOverrides) {
        this(logDir, brokerPort, controllerPort, autoCreateTopics, startTimeout, brokerOverrides, Optional.empty());
    }

    private static void checkPort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be 0 (free port) or 1..65535, was " + port);
        }
    }

    /** Temporary log dir, free ports, auto-creation on, 60 s start timeout. */
    public static EmbeddedKafkaConfig defaults() {
        return new EmbeddedKafkaConfig(Optional.empty(), 0, 0, true, DEFAULT_START_TIMEOUT, Map.of());
    }

    public EmbeddedKafkaConfig withLogDir(Path dir) {
        return new EmbeddedKafkaConfig(Optional.of(dir), brokerPort, controllerPort, autoCreateTopics, startTimeout,
                brokerOverrides, security);
    }

    public EmbeddedKafkaConfig withAutoCreateTopics(boolean enabled) {
        return new EmbeddedKafkaConfig(logDir, brokerPort, controllerPort, enabled, startTimeout, brokerOverrides, security);
    }

    public EmbeddedKafkaConfig withSecurity(StackSecurity stackSecurity) {
        return new EmbeddedKafkaConfig(logDir, brokerPort, controllerPort, false, startTimeout, brokerOverrides,
                Optional.of(stackSecurity));
    }
}
