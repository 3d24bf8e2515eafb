package io.mailstream.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SendingIdentity;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.routing.Destination;
import io.mailstream.dispatcher.routing.DnsMxResolver;
import io.mailstream.dispatcher.routing.DnsSettings;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.routing.Router;
import io.mailstream.dispatcher.routing.RoutingTransport;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Source addresses on real connections: Linux routes all of 127/8 to loopback, so a connection
 * bound to 127.0.0.2 reaches a server on 127.0.0.1, which sees 127.0.0.2 as the client address.
 */
class SendingPoolsDeliveryTest {
    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private ScriptedSmtpServer server;
    private RoutingTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedSmtpServer(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    private RoutingTransport through(SendingPools pools) {
        Router router = new Router(RouteConfig.smartHost(Destination.of("127.0.0.1", server.port(), TlsSettings.NONE)),
                new DnsMxResolver(DnsSettings.resolver("127.0.0.1:1")));
        SmtpConnectionPool pool = new SmtpConnectionPool(PoolSettings.defaults(),
                key -> new SmtpConnection(new SmtpSettings(key.route(),
                        key.localAddress().flatMap(pools::ehloNameOf).orElse("dispatcher.test"), Duration.ofSeconds(5),
                        Duration.ofSeconds(5)), key.security(), key.localAddress()),
                Clock.systemUTC());
        transport = new RoutingTransport(router, pool, new SourceAddresses(pools));
        return transport;
    }

    private RenderedMessage message(String to, String campaignId) {
        MailMessage m = Fixtures.transactional(to, "Hello", "Hello").setCampaignId(campaignId).build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    private String clientAddressOf(String recipient) {
        return server.received().stream().filter(r -> r.recipients().contains(recipient)).findFirst()
                .map(r -> ((InetSocketAddress) r.session().getRemoteAddress()).getAddress().getHostAddress())
                .orElseThrow(() -> new AssertionError("nothing received for " + recipient));
    }

    private static SendingPools pools(Map<String, String> campaignPools, SendingPool... pools) {
        Map<String, SendingPool> byName = new java.util.HashMap<>();
        for (SendingPool p : pools) {
            byName.put(p.name(), p);
        }
        return new SendingPools(byName, campaignPools);
    }

    @Test
    void campaignAndTransactionalMailShouldLeaveFromTheirOwnPoolsAddresses() {
        RoutingTransport t = through(pools(Map.of("c-warm", "warmup"),
                SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("127.0.0.1", "127.0.0.2")),
                SendingPool.of("transactional", SourceSelection.ROUND_ROBIN, List.of("127.0.0.3")),
                SendingPool.of("warmup", SourceSelection.ROUND_ROBIN, List.of("127.0.0.4"))));

        for (int i = 0; i < 4; i++) {
            assertThat(t.send(message("bulk" + i + "@acme.test", "c-news"))).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(t.send(message("tx" + i + "@acme.test", null))).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(t.send(message("warm" + i + "@acme.test", "c-warm"))).isInstanceOf(DeliveryOutcome.Delivered.class);
        }

        assertThat(List.of(clientAddressOf("bulk0@acme.test"), clientAddressOf("bulk1@acme.test"),
                clientAddressOf("bulk2@acme.test"), clientAddressOf("bulk3@acme.test")))
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2");
        for (int i = 0; i < 4; i++) {
            assertThat(clientAddressOf("tx" + i + "@acme.test")).isEqualTo("127.0.0.3");
            assertThat(clientAddressOf("warm" + i + "@acme.test")).isEqualTo("127.0.0.4");
        }
        // One reused connection per (destination, source address), not one per message.
        assertThat(server.sessions()).isEqualTo(4);
    }

    @Test
    void eachSendingIpShouldAnnounceItsOwnEhloNameAndTheOutcomeShouldSayWhichIpAndName() {
        RoutingTransport t = through(pools(Map.of(),
                SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("127.0.0.2/mta2.acme.example", "127.0.0.3"))));

        DeliveryOutcome first = t.send(message("one@acme.test", "c-news"));
        DeliveryOutcome second = t.send(message("two@acme.test", "c-news"));

        assertThat(heloOf("one@acme.test")).isEqualTo("mta2.acme.example");
        assertThat(clientAddressOf("one@acme.test")).isEqualTo("127.0.0.2");
        assertThat(heloOf("two@acme.test")).as("no name of its own: the dispatcher's").isEqualTo("dispatcher.test");
        assertThat(first.sentFrom()).contains(new SendingIdentity(Optional.of(address("127.0.0.2")), "mta2.acme.example"));
        assertThat(second.sentFrom()).contains(new SendingIdentity(Optional.of(address("127.0.0.3")), "dispatcher.test"));
    }

    private String heloOf(String recipient) {
        return server.received().stream().filter(r -> r.recipients().contains(recipient)).findFirst()
                .flatMap(r -> r.session().getHelo()).orElseThrow(() -> new AssertionError("no HELO seen for " + recipient));
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void withoutPoolsTheOperatingSystemShouldPickTheSourceAddress() {
        RoutingTransport t = through(SendingPools.none());

        DeliveryOutcome outcome = t.send(message("ann@acme.test", null));
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(clientAddressOf("ann@acme.test")).isEqualTo("127.0.0.1");
        assertThat(outcome.sentFrom()).as("the socket's address, though none was configured")
                .contains(new SendingIdentity(Optional.of(address("127.0.0.1")), "dispatcher.test"));
    }
}
