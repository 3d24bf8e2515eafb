package io.mailstream.dispatcher.routing;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.mtasts.MtaStsSettings;
import io.mailstream.dispatcher.tls.TlsPolicy;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Routing configuration, validated once at start.
 *
 * @param mode       {@code delivery.mode}: {@link DeliveryMode#SMART_HOST} or {@link DeliveryMode#DIRECT_MX}
 * @param smartHost  {@code relay.*}: the relay every message goes to in SMART_HOST mode
 * @param overrides  {@code route.<domain>}: fixed destinations per recipient domain, used before DNS in DIRECT_MX mode
 * @param directPort {@code direct.port}: port of MX hosts (25 by RFC 5321 §4.5.4 transfer; tests change it)
 * @param directTls  {@code direct.tls}: TLS policy towards MX hosts
 * @param dns        {@code dns.*}: resolver used for MX routing
 * @param allowPrivateAddresses {@code direct.allow-private-addresses}: deliver to MX hosts that resolve to loopback,
 *                   private, link-local or other non-public addresses ({@link AddressScope}); off by default, since
 *                   whoever runs a recipient domain's DNS picks its MX addresses. Tests, whose receivers listen on
 *                   127.0.0.1, turn it on. Configured {@code route.<domain>} overrides are trusted either way.
 * @param mtaSts     {@code mta-sts.*}: recipient domains' MTA-STS policies in DIRECT_MX mode (RFC 8461)
 */
public record RouteConfig(DeliveryMode mode, Optional<Destination> smartHost, Map<Domain, Destination> overrides,
                          int directPort, TlsSettings directTls, DnsSettings dns, boolean allowPrivateAddresses,
                          MtaStsSettings mtaSts) {
    public static final int DEFAULT_DIRECT_PORT = 25;

    public RouteConfig {
        if (mode == null) {
            throw new InvalidConfigException("delivery.mode", "is required (SMART_HOST or DIRECT_MX)");
        }
        Objects.requireNonNull(smartHost, "smartHost");
        if (mode == DeliveryMode.SMART_HOST && smartHost.isEmpty()) {
            throw new InvalidConfigException("relay.host", "is required when delivery.mode=SMART_HOST");
        }
        if (overrides == null) {
            throw new InvalidConfigException("route", "must not be null");
        }
        overrides = Map.copyOf(overrides);
        if (directPort < 1 || directPort > 65535) {
            throw new InvalidConfigException("direct.port", "must be in 1..65535, was " + directPort);
        }
        if (directTls == null) {
            throw new InvalidConfigException("direct.tls", "is required");
        }
        if (directTls.implicit()) {
            throw new InvalidConfigException("direct.tls", "MX hosts do not speak implicit TLS; use STARTTLS");
        }
        if (dns == null) {
            throw new InvalidConfigException("dns.resolver", "is required");
        }
        if (mtaSts == null) {
            throw new InvalidConfigException("mta-sts", "must not be null (use MtaStsSettings.disabled())");
        }
    }

    /** Everything to one relay. */
    public static RouteConfig smartHost(Destination relay) {
        return new RouteConfig(DeliveryMode.SMART_HOST, Optional.of(relay), Map.of(), DEFAULT_DIRECT_PORT,
                TlsSettings.OPPORTUNISTIC, DnsSettings.defaults(), false,
                MtaStsSettings.disabled());
    }

    /** MX routing with opportunistic TLS on port 25 through {@code dns}. */
    public static RouteConfig directMx(DnsSettings dns) {
        return new RouteConfig(DeliveryMode.DIRECT_MX, Optional.empty(), Map.of(), DEFAULT_DIRECT_PORT,
                TlsSettings.OPPORTUNISTIC, dns, false,
                MtaStsSettings.defaults());
    }

    public RouteConfig withOverrides(Map<Domain, Destination> o) {
        return new RouteConfig(mode, smartHost, o, directPort, directTls, dns, allowPrivateAddresses, mtaSts);
    }

    public RouteConfig withDirectPort(int port) {
        return new RouteConfig(mode, smartHost, overrides, port, directTls, dns, allowPrivateAddresses, mtaSts);
    }

    public RouteConfig withDirectTls(TlsSettings tls) {
        return new RouteConfig(mode, smartHost, overrides, directPort, tls, dns, allowPrivateAddresses, mtaSts);
    }

    public RouteConfig withMtaSts(MtaStsSettings settings) {
        return new RouteConfig(mode, smartHost, overrides, directPort, directTls, dns, allowPrivateAddresses, settings);
    }

    /** TLS towards MX hosts an enforced MTA-STS policy names: required, verified against {@code mta-sts.trusted-ca} or the JDK's CAs. */
    public TlsSettings stsTls() {
        return new TlsSettings(TlsPolicy.REQUIRED, false, mtaSts.trustedCa());
    }

    /** With {@code direct.allow-private-addresses}; for tests whose MX hosts listen on 127.0.0.1. */
    public RouteConfig withAllowPrivateAddresses(boolean allow) {
        return new RouteConfig(mode, smartHost, overrides, directPort, directTls, dns, allow, mtaSts);
    }
}
