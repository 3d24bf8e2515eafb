package io.mailstream.dispatcher;

import io.mailstream.dispatcher.config.DeliveryConfig;
import io.mailstream.dispatcher.dkim.DkimSigner;
import io.mailstream.dispatcher.dkim.SigningTransport;
import io.mailstream.dispatcher.pool.CircuitSettings;
import io.mailstream.dispatcher.pool.ConnectionLimits;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.mtasts.MtaStsPolicies;
import io.mailstream.dispatcher.mtasts.StsPolicyLookup;
import io.mailstream.dispatcher.routing.AddressResolution;
import io.mailstream.dispatcher.routing.AddressScope;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.routing.CachingMxResolver;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.routing.DnsMxResolver;
import io.mailstream.dispatcher.routing.MxResolution;
import io.mailstream.dispatcher.routing.MxResolver;
import io.mailstream.dispatcher.routing.Router;
import io.mailstream.dispatcher.routing.RoutingTransport;
import io.mailstream.dispatcher.sending.SourceAddresses;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpSessions;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.tls.report.CertificateReporting;
import io.mailstream.dispatcher.tls.report.TlsResultSink;
import io.mailstream.schemas.address.Domain;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Composes the thread-safe {@link MailTransport} a dispatcher's workers share from its
 * {@link DeliveryConfig}: DKIM signing (if keys are configured) around routing (smart host or MX,
 * one code path) over a pool of SMTP connections per destination (host, port, TLS/AUTH, source
 * address) with a bulkhead per destination and a circuit breaker per destination host. In DIRECT_MX
 * mode recipient domains' MTA-STS policies (RFC 8461) are looked up and applied unless {@code mta-sts.enabled=false}.
 */
public final class DeliveryTransports {
    private DeliveryTransports() {
    }

    // A smart host is connected by name through the system resolver; the Router never asks for MX records then.
    private static final MxResolver SMART_HOST_NEEDS_NO_DNS = new MxResolver() {
        @Override
        public MxResolution resolveMx(Domain domain) {
            throw new IllegalStateException("no MX lookups in SMART_HOST mode");
        }

        @Override
        public AddressResolution resolveAddresses(String host) {
            throw new IllegalStateException("no address lookups in SMART_HOST mode");
        }
    };

    /** The transport and the pool under it, whose idle connections the owner evicts now and then. */
    public record DeliveryPath(MailTransport transport, SmtpConnectionPool pool) {
    }

    /** With the default pool settings and a connection limit of {@code pool.max-connections} everywhere. */
    public static MailTransport create(DeliveryConfig delivery, SmtpSettings smtp, Clock clock) {
        return create(delivery, smtp, PoolSettings.defaults(), clock).transport();
    }

    public static DeliveryPath create(DeliveryConfig delivery, SmtpSettings smtp, PoolSettings pool, Clock clock) {
        return create(delivery, smtp, pool, ConnectionLimits.uniform(pool.maxConnections()), clock);
    }

    /** @param limits connections per destination, e.g. from traffic policies; {@code pool.max-connections} otherwise */
    public static DeliveryPath create(DeliveryConfig delivery, SmtpSettings smtp, PoolSettings poolSettings,
                                      ConnectionLimits limits, Clock clock) {
        return create(delivery, smtp, poolSettings, limits, CircuitSettings.uniform(delivery.circuit()), clock);
    }

    /** @param circuits circuit-breaker settings per destination host, e.g. from traffic policies; {@code circuit.*} otherwise */
    public static DeliveryPath create(DeliveryConfig delivery, SmtpSettings smtp, PoolSettings poolSettings,
                                      ConnectionLimits limits, CircuitSettings circuits, Clock clock) {
        return create(delivery, smtp, poolSettings, limits, circuits, Optional.empty(), clock);
    }

    /** @param tlsReports reports the MX certificate verdicts of sessions to MTA-STS domains (RFC 8460); empty for none */
    public static DeliveryPath create(DeliveryConfig delivery, SmtpSettings smtp, PoolSettings poolSettings,
                                      ConnectionLimits limits, CircuitSettings circuits, Optional<CertificateReporting> tlsReports,
                                      Clock clock) {
        // One session per destination and one stall guard for all connections; the guard's thread ends when they are closed.
        SmtpSessions sessions = new SmtpSessions();
        SmtpConnectionPool pool = new SmtpConnectionPool(poolSettings, limits, circuits,
                key -> new SmtpConnection(new SmtpSettings(key.route(), ehloName(delivery, smtp, key.localAddress()),
                        smtp.connectTimeout(), smtp.readTimeout(), smtp.transactionTimeout()),
                        key.security(), key.localAddress(), sessions),
                clock);
        RouteConfig routes = delivery.routes();
        MxResolver resolver = routes.mode() == DeliveryMode.DIRECT_MX
                ? new CachingMxResolver(new DnsMxResolver(routes.dns()), clock)
                : SMART_HOST_NEEDS_NO_DNS;
        StsPolicyLookup sts = routes.mode() == DeliveryMode.DIRECT_MX && routes.mtaSts().enabled()
                ? new MtaStsPolicies(routes.mtaSts(), routes.dns().resolver(), routes.dns().timeout(),
                        host -> policyHostAddresses(routes, resolver, host), clock,
                        tlsReports.map(CertificateReporting::sink).orElse(TlsResultSink.NONE))
                : StsPolicyLookup.NONE;
        Router router = new Router(routes, resolver, new Random(), sts, tlsReports);
        MailTransport transport = new RoutingTransport(router, pool, new SourceAddresses(delivery.sendingPools()));
        if (!delivery.dkim().isEmpty()) {
            transport = new SigningTransport(new DkimSigner(delivery.dkim()), transport);
        }
        return new DeliveryPath(transport, pool);
    }

    /** A sending IP announces its own EHLO name when its pool gives it one (to match its PTR), else {@code smtp.ehlo-name}. */
    static String ehloName(DeliveryConfig delivery, SmtpSettings smtp, java.util.Optional<InetAddress> source) {
        return source.flatMap(delivery.sendingPools()::ehloNameOf).orElse(smtp.ehloName());
    }

    // The policy host is named by the recipient domain's DNS, like its MX hosts, and obeys the same address rules.
    private static List<InetAddress> policyHostAddresses(RouteConfig routes, MxResolver resolver, String host) throws IOException {
        AddressResolution r = resolver.resolveAddresses(host);
        if (!(r instanceof AddressResolution.Addresses a)) {
            throw new IOException(host + " has no address: " + r);
        }
        List<InetAddress> usable = a.addresses().stream()
                .filter(x -> routes.allowPrivateAddresses() || AddressScope.nonPublic(x).isEmpty()).toList();
        if (usable.isEmpty()) {
            throw new IOException(host + " resolves only to non-public addresses " + a.addresses()
                    + " (direct.allow-private-addresses=false)");
        }
        return usable;
    }
}
