package io.mailstream.dispatcher.config;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.dkim.DkimKeyConfig;
import io.mailstream.dispatcher.mtasts.MtaStsSettings;
import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.sending.SendingPool;
import io.mailstream.dispatcher.sending.SendingPools;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.routing.Destination;
import io.mailstream.dispatcher.routing.DnsSettings;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.smtp.SmtpCredentials;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.tls.TlsPolicy;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.InvalidAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The delivery part of {@link DispatcherConfig.Builder}: raw values in, a validated {@link DeliveryConfig} out. */
final class DeliveryConfigBuilder {
    DeliveryMode mode = DeliveryMode.SMART_HOST;
    TlsSettings relayTls = TlsSettings.NONE;
    Optional<SmtpCredentials> relayAuth = Optional.empty();
    int directPort = RouteConfig.DEFAULT_DIRECT_PORT;
    TlsSettings directTls = TlsSettings.OPPORTUNISTIC;
    String dnsResolver;
    Duration dnsTimeout = DnsSettings.DEFAULT_TIMEOUT;
    boolean allowPrivateAddresses;
    MtaStsSettings mtaSts = MtaStsSettings.defaults();
    final Map<String, Map.Entry<String, TlsSettings>> overrides = new LinkedHashMap<>();
    final List<String[]> dkim = new ArrayList<>();
    final Map<String, SendingPool> sendingPools = new LinkedHashMap<>();
    final Map<String, String> campaignPools = new LinkedHashMap<>();
    CircuitBreakerSettings circuit = CircuitBreakerSettings.defaults();

    DeliveryConfig build(SmtpSettings smtp) {
        SmtpRoute relay = smtp.route();
        if (relayAuth.isPresent() && relayTls.policy() != TlsPolicy.REQUIRED) {
            throw new InvalidConfigException("smtp.auth.username", "SMTP AUTH needs smtp.tls=REQUIRED (a password must not"
                    + " cross the network in clear), was " + relayTls.policy());
        }
        Destination smartHost = new Destination(relay.host(), Optional.empty(), relay.port(), relayTls, relayAuth);
        DnsSettings dns = (dnsResolver == null ? DnsSettings.defaults() : DnsSettings.resolver(dnsResolver))
                .withTimeout(dnsTimeout);
        Map<Domain, Destination> routes = new HashMap<>();
        overrides.forEach((domain, target) -> {
            SmtpRoute r = SmtpRoute.parse(target.getKey());
            routes.put(domain(domain, "route." + domain), Destination.of(r.host(), r.port(), target.getValue()));
        });
        RouteConfig routeConfig = new RouteConfig(mode, Optional.of(smartHost), routes, directPort, directTls, dns,
                allowPrivateAddresses, mtaSts);
        List<DkimKeyConfig> keys = new ArrayList<>();
        for (String[] k : dkim) {
            if (k[2] == null) {
                throw new InvalidConfigException("dkim." + k[0] + ".private-key", "is required");
            }
            keys.add(new DkimKeyConfig(domain(k[0], "dkim." + k[0]), k[1], Path.of(k[2])));
        }
        return new DeliveryConfig(routeConfig, keys, new SendingPools(sendingPools, campaignPools), circuit);
    }

    private static Domain domain(String raw, String key) {
        try {
            return Domain.of(raw);
        } catch (InvalidAddressException e) {
            throw new InvalidConfigException(key, e.reason());
        }
    }
}
