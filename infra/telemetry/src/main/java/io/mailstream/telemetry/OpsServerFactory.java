package io.mailstream.telemetry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Starts a service's {@link OpsServer}. The launcher (infra/cli) supplies the real one, an HTTP
 * server with a Prometheus registry; the services only see this contract, so they depend on
 * {@code micrometer-core} and not on how metrics are shipped.
 */
@FunctionalInterface
public interface OpsServerFactory {
    /** A port value meaning "no ops endpoint". */
    int DISABLED_PORT = -1;

    /**
     * @param service name used in logs and as the {@code service} tag of every meter
     * @param port    port to listen on, 0 for an ephemeral one, {@link #DISABLED_PORT} for none
     */
    OpsServer start(String service, int port);

    /** No endpoint: meters go to an in-memory registry nobody scrapes (commands run outside the launcher, tests). */
    static OpsServerFactory disabled() {
        return (service, port) -> new OpsServer() {
            private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

            @Override
            public SimpleMeterRegistry registry() {
                return registry;
            }

            @Override
            public void serveHealth(ServiceHealth health) {
                // nobody asks
            }

            @Override
            public int port() {
                return DISABLED_PORT;
            }

            @Override
            public void close() {
                registry.close();
            }
        };
    }
}
