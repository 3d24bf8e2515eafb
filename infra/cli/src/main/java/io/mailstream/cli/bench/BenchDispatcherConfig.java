package io.mailstream.cli.bench;

import io.mailstream.dispatcher.config.DeliverySettings;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.consume.EventAckWindow;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.schemas.verp.VerpKeys;
import java.util.Map;

/**
 * The dispatcher every delivery bench runs ({@code bench delivery}, {@code bench transactional}), so
 * that their campaign rates compare like with like: {@code workers} delivery workers, {@code perDomain}
 * of them (and as many policy connections) per domain, {@code connections} SMTP connections per
 * destination, none reserved for transactional mail.
 */
final class BenchDispatcherConfig {
    private BenchDispatcherConfig() {
    }

    static DispatcherConfig of(String bootstrapServers, String schemaRegistryUrl, String smtpHost, int smtpPort,
                               int workers, int perDomain, int connections) {
        return of(bootstrapServers, schemaRegistryUrl, smtpHost, smtpPort, workers, perDomain, connections, Map.of());
    }

    /** @param policies more pacing settings (the traffic policies of {@code bench delivery --site-cap}) */
    static DispatcherConfig of(String bootstrapServers, String schemaRegistryUrl, String smtpHost, int smtpPort,
                               int workers, int perDomain, int connections, Map<String, String> policies) {
        return of(bootstrapServers, schemaRegistryUrl, smtpHost, smtpPort, workers, perDomain, connections, policies,
                EventAckWindow.defaults());
    }

    /** @param ackWindow the delivery events a worker may leave unacknowledged when it starts its next transaction */
    static DispatcherConfig of(String bootstrapServers, String schemaRegistryUrl, String smtpHost, int smtpPort,
                               int workers, int perDomain, int connections, Map<String, String> policies,
                               EventAckWindow ackWindow) {
        Map<String, String> pacing = new java.util.HashMap<>(policies);
        pacing.put("policy.default.max-connections", String.valueOf(perDomain));
        return DispatcherConfig.builder()
                .bootstrapServers(bootstrapServers)
                .schemaRegistryUrl(schemaRegistryUrl)
                .dispatcherId("bench-dispatcher")
                .smtpHost(smtpHost)
                .smtpPort(smtpPort)
                .bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t"))
                // The default traffic policy's own cap (8 per domain) would otherwise set the pace, not perDomain.
                .pacing(PacingProperties.parse(pacing))
                .engine(DeliverySettings.defaults()
                        .withEngine(EngineSettings.forWorkers(workers, perDomain).withAckWindow(ackWindow))
                        .withPool(new PoolSettings(connections, PoolSettings.DEFAULT_MAX_MESSAGES_PER_CONNECTION,
                                PoolSettings.DEFAULT_IDLE_TIMEOUT)))
                .build();
    }
}
