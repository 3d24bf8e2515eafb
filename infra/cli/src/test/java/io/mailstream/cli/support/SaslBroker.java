package io.mailstream.cli.support;

import io.mailstream.embedded.kafka.EmbeddedKafka;
import io.mailstream.embedded.kafka.EmbeddedKafkaConfig;
import io.mailstream.embedded.kafka.EmbeddedKafkaException;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An in-process broker with two client listeners: PLAINTEXT (the broker's own principal
 * {@code User:ANONYMOUS}, a super user when an authorizer is on; for set-up and checks) and
 * SASL_PLAINTEXT with PLAIN users {@code name} / {@code pw-<name>}. Ports are picked here, so a port
 * taken by another process between picking and binding is retried with new ones.
 */
public final class SaslBroker implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final String saslServers;

    private SaslBroker(EmbeddedKafka kafka, String saslServers) {
        this.kafka = kafka;
        this.saslServers = saslServers;
    }

    /** @param authorizer whether Kafka's StandardAuthorizer checks ACLs on the SASL listener */
    public static SaslBroker start(Iterable<String> users, boolean authorizer) {
        for (int attempt = 1; ; attempt++) {
            int plain = freePort();
            int sasl = freePort();
            int controller = freePort();
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            users.forEach(u -> jaas.append(" user_").append(u).append("=\"").append(password(u)).append('"'));
            Map<String, String> p = new LinkedHashMap<>();
            p.put("listeners", "PLAINTEXT://localhost:" + plain + ",SASL_PLAINTEXT://localhost:" + sasl
                    + ",CONTROLLER://localhost:" + controller);
            p.put("advertised.listeners", "PLAINTEXT://localhost:" + plain + ",SASL_PLAINTEXT://localhost:" + sasl);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("sasl.enabled.mechanisms", "PLAIN");
            p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas + ";");
            if (authorizer) {
                p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                p.put("super.users", "User:ANONYMOUS");
                p.put("auto.create.topics.enable", "false");
            }
            try {
                EmbeddedKafka kafka = EmbeddedKafka.start(new EmbeddedKafkaConfig(Optional.empty(), plain, controller, !authorizer,
                        EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT, p));
                return new SaslBroker(kafka, "localhost:" + sasl);
            } catch (EmbeddedKafkaException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    public static String password(String user) {
        return "pw-" + user;
    }

    /** Client settings of {@code user} on the SASL listener. */
    public static KafkaClientSettings as(String user) {
        return new KafkaClientSettings(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                        + "\" password=\"" + password(user) + "\";"), Optional.empty());
    }

    /** The PLAINTEXT listener. */
    public String plaintextServers() {
        return kafka.bootstrapServers();
    }

    /** The SASL_PLAINTEXT listener. */
    public String saslServers() {
        return saslServers;
    }

    @Override
    public void close() {
        kafka.close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
