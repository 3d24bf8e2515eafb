package io.mailstream.dispatcher.config;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.dkim.DkimKeyConfig;
import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.sending.SendingPools;
import io.mailstream.dispatcher.tls.TlsPolicy;
import java.util.List;
import java.util.Objects;

/**
 * How messages leave the dispatcher: routing (smart host or direct MX, TLS, AUTH, per-domain
 * overrides) and DKIM keys. The default is the walking skeleton's behaviour: one smart host,
 * plain SMTP, no signing.
 *
 * @param routes {@code delivery.mode}, {@code smtp.tls*}, {@code smtp.auth.*}, {@code direct.*}, {@code dns.*}, {@code route.<domain>}
 * @param dkim   {@code dkim.<domain>.*}: keys per sender domain, one per selector (e.g. RSA and Ed25519)
 * @param sendingPools {@code sending-pools.*}: source addresses connections bind to
 * @param circuit      {@code circuit.*}: when a destination host's circuit breaker opens
 */
public record DeliveryConfig(RouteConfig routes, List<DkimKeyConfig> dkim, SendingPools sendingPools,
                             CircuitBreakerSettings circuit) {
    public DeliveryConfig {
        Objects.requireNonNull(routes, "routes");
        if (sendingPools == null) {
            throw new InvalidConfigException("sending-pools", "must not be null");
        }
        if (circuit == null) {
            throw new InvalidConfigException("circuit", "must not be null");
        }
        if (dkim == null) {
            throw new InvalidConfigException("dkim", "must not be null");
        }
        dkim = List.copyOf(dkim);
        if (dkim.stream().map(k -> k.domain() + "/" + k.selector()).distinct().count() != dkim.size()) {
            throw new InvalidConfigException("dkim", "a sender domain has two keys under one selector");
        }
    }

    /** Routing and DKIM only: no sending pools, default circuit breakers. */
    public DeliveryConfig(RouteConfig routes, List<DkimKeyConfig> dkim) {
        this(routes, dkim, SendingPools.none(), CircuitBreakerSettings.defaults());
    }

    /** True when the transport is the plain single smart-host connection of the walking skeleton. */
    public boolean isPlainSmartHost() {
        return routes.mode() == DeliveryMode.SMART_HOST && dkim.isEmpty()
                && routes.smartHost().map(d -> d.tls().policy() == TlsPolicy.NONE && d.auth().isEmpty()).orElse(false);
    }
}
