package io.mailstream.dispatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.pool.ConnectionLimits;
import io.mailstream.dispatcher.pool.PoolKey;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.testkit.MutableClock;
import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Direct MX delivery end to end on loopback: a scripted DNS server names the MX hosts and maps
 * them to 127.0.0.x addresses, real SMTP servers listen on one port of 127.0.0.1 or 127.0.0.2 only,
 * so an MX host on another loopback address refuses connections.
 */
class RoutingTransportTest {
    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private final LocalDnsServer dns = new LocalDnsServer();
    private ScriptedSmtpServer primary;
    private ScriptedSmtpServer secondary;
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private RoutingTransport transport;

    @BeforeEach
    void startServers() throws Exception {
        primary = new ScriptedSmtpServer(InetAddress.getByName("127.0.0.1"), 0);
        secondary = new ScriptedSmtpServer(InetAddress.getByName("127.0.0.2"), primary.port());
    }

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        primary.close();
        secondary.close();
        dns.close();
    }

    private RoutingTransport direct(Map<Domain, Destination> overrides) {
        RouteConfig config = RouteConfig.directMx(DnsSettings.resolver(dns.address())).withAllowPrivateAddresses(true)
                .withDirectPort(primary.port()).withDirectTls(TlsSettings.NONE).withOverrides(overrides);
        Router router = new Router(config,
                new CachingMxResolver(new DnsMxResolver(config.dns()), new MutableClock(Fixtures.NOW)));
        transport = new RoutingTransport(router, pool());
        return transport;
    }

    // One failure opens a host's circuit for a minute: what the old "unreachable for a minute" cache did.
    private SmtpConnectionPool pool() {
        SmtpSettings smtp = new SmtpSettings(new SmtpRoute("unused.invalid", 25), "dispatcher.test",
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        return new SmtpConnectionPool(PoolSettings.defaults(), ConnectionLimits.uniform(4),
                CircuitBreakerSettings.afterConsecutiveFailures(1, Duration.ofMinutes(1)),
                key -> countingAttempts(key, new SmtpConnection(new SmtpSettings(key.route(), smtp.ehloName(),
                        smtp.connectTimeout(), smtp.readTimeout()), key.security(), key.localAddress())), clock);
    }

    private MailTransport countingAttempts(PoolKey key, MailTransport real) {
        return new MailTransport() {
            @Override
            public DeliveryOutcome send(RenderedMessage message) {
                attempts.add(key.security().serverName());
                return real.send(message);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    private RenderedMessage message(String to) {
        MailMessage m = Fixtures.transactional(to, "Receipt for " + to, "Thanks").build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    @Test
    void sendShouldDeliverToTheMostPreferredMxHost() {
        dns.mx("acme.test", 20, "mx-b.acme.test", 300).mx("acme.test", 10, "mx-a.acme.test", 300)
                .a("mx-a.acme.test", "127.0.0.2", 300).a("mx-b.acme.test", "127.0.0.1", 300);

        DeliveryOutcome outcome = direct(Map.of()).send(message("ann@acme.test"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Delivered.class,
                d -> assertThat(d.host()).isEqualTo("127.0.0.2"));
        assertThat(secondary.received()).hasSize(1);
        assertThat(primary.received()).isEmpty();
    }

    @Test
    void sendShouldFallBackToTheNextMxHostWhenTheFirstRefusesConnections() {
        dns.mx("acme.test", 10, "mx-dead.acme.test", 300).mx("acme.test", 20, "mx-b.acme.test", 300)
                .a("mx-dead.acme.test", "127.0.0.3", 300).a("mx-b.acme.test", "127.0.0.1", 300);

        DeliveryOutcome outcome = direct(Map.of()).send(message("ann@acme.test"));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(primary.received()).singleElement()
                .satisfies(r -> assertThat(r.recipients()).containsExactly("ann@acme.test"));
    }

    @Test
    void sendShouldSkipAnUnreachableMxHostUntilItsRetryTimeHasPassed() {
        dns.mx("acme.test", 10, "mx-dead.acme.test", 300).mx("acme.test", 20, "mx-b.acme.test", 300)
                .a("mx-dead.acme.test", "127.0.0.3", 300).a("mx-b.acme.test", "127.0.0.1", 300);
        RoutingTransport t = direct(Map.of());

        t.send(message("ann@acme.test"));
        t.send(message("bob@acme.test"));
        assertThat(attempts).containsExactly("mx-dead.acme.test", "mx-b.acme.test", "mx-b.acme.test");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        t.send(message("cy@acme.test"));

        assertThat(attempts).endsWith("mx-dead.acme.test", "mx-b.acme.test");
        assertThat(primary.received()).hasSize(3);
    }

    @Test
    void sendShouldDeferAtOnceWhenEveryDestinationsCircuitIsOpen() {
        dns.mx("acme.test", 10, "mx-dead.acme.test", 300).a("mx-dead.acme.test", "127.0.0.3", 300);
        RoutingTransport t = direct(Map.of());

        t.send(message("ann@acme.test"));
        DeliveryOutcome second = t.send(message("bob@acme.test"));

        assertThat(second).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.reason()).contains("circuit open for mx-dead.acme.test"));
        assertThat(attempts).containsExactly("mx-dead.acme.test");
    }

    @Test
    void sendShouldDeferWhenNoMxHostCanBeReached() {
        dns.mx("acme.test", 10, "mx-dead.acme.test", 300).a("mx-dead.acme.test", "127.0.0.3", 300);

        DeliveryOutcome outcome = direct(Map.of()).send(message("ann@acme.test"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.smtpReply()).isEmpty());
    }

    @Test
    void sendShouldNotTryTheNextMxHostWhenTheFirstAnswers() {
        dns.mx("acme.test", 10, "mx-a.acme.test", 300).mx("acme.test", 20, "mx-b.acme.test", 300)
                .a("mx-a.acme.test", "127.0.0.2", 300).a("mx-b.acme.test", "127.0.0.1", 300);

        DeliveryOutcome outcome = direct(Map.of()).send(message("unknown@acme.test"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Bounced.class,
                b -> assertThat(b.smtpReply().enhancedStatus()).contains("5.1.1"));
        assertThat(primary.received()).isEmpty();
    }

    @Test
    void sendShouldDeliverToTheDomainItselfWhenItHasNoMx() {
        dns.a("plain.test", "127.0.0.1", 300);

        assertThat(direct(Map.of()).send(message("ann@plain.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(primary.received()).hasSize(1);
    }

    @Test
    void sendShouldBounceWithoutSmtpWhenTheDomainHasANullMx() {
        dns.nullMx("nomail.test");

        DeliveryOutcome outcome = direct(Map.of()).send(message("ann@nomail.test"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Bounced.class, b -> {
            assertThat(b.smtpReply().code()).isEqualTo(556);
            assertThat(b.smtpReply().enhancedStatus()).contains("5.1.10");
        });
        assertThat(primary.received()).isEmpty();
    }

    @Test
    void sendShouldBounceAsHostUnknownWhenTheDomainDoesNotExist() {
        DeliveryOutcome outcome = direct(Map.of()).send(message("ann@missing.test"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Bounced.class, b -> {
            assertThat(b.smtpReply().code()).isEqualTo(550);
            assertThat(b.smtpReply().enhancedStatus()).contains("5.1.2");
            assertThat(b.smtpReply().text()).contains("NXDOMAIN");
        });
    }

    @Test
    void sendShouldDeferWhenDnsAnswersServfail() {
        dns.servfail("broken.test");

        DeliveryOutcome outcome = direct(Map.of()).send(message("ann@broken.test"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d -> {
            assertThat(d.smtpReply()).map(SmtpReply::code).isEmpty();
            assertThat(d.reason()).contains("SERVFAIL");
        });
    }

    @Test
    void sendShouldUseTheRouteOverrideInsteadOfDns() {
        Destination override = Destination.of("127.0.0.1", primary.port(), TlsSettings.NONE);

        DeliveryOutcome outcome = direct(Map.of(Domain.of("override.test"), override)).send(message("ann@override.test"));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(dns.queries("override.test", org.xbill.DNS.Type.MX)).isZero();
    }

    @Test
    void sendShouldRouteEveryDomainToTheRelayInSmartHostMode() {
        Router router = new Router(RouteConfig.smartHost(Destination.of("127.0.0.1", primary.port(), TlsSettings.NONE)),
                new DnsMxResolver(DnsSettings.resolver(dns.address())));
        transport = new RoutingTransport(router, pool());

        assertThat(transport.send(message("ann@missing.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(transport.send(message("bob@elsewhere.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(primary.received()).hasSize(2);
    }
}
