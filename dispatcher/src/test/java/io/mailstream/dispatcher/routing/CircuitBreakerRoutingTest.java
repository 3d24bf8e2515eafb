package io.mailstream.dispatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.pool.CircuitState;
import io.mailstream.dispatcher.pool.ConnectionLimits;
import io.mailstream.dispatcher.pool.PoolKey;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
import io.mailstream.dispatcher.support.SilentServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Circuit breakers per destination host against real sockets: a host that refuses, drops or
 * stalls connections is left alone after a few failures (its mail deferred at once, never
 * bounced), and probed again once the injected clock has moved past the wait.
 */
class CircuitBreakerRoutingTest {
    private static final int FAILURES_TO_OPEN = 3;
    private static final Duration WAIT = Duration.ofMinutes(1);

    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private SmtpConnectionPool pool;
    private RoutingTransport transport;

    private RoutingTransport smartHost(int port, Duration readTimeout) {
        Router router = new Router(RouteConfig.smartHost(Destination.of("127.0.0.1", port, TlsSettings.NONE)),
                new DnsMxResolver(DnsSettings.resolver("127.0.0.1:1")));
        pool = new SmtpConnectionPool(new PoolSettings(8, 1000, Duration.ofSeconds(30)), ConnectionLimits.uniform(8),
                CircuitBreakerSettings.afterConsecutiveFailures(FAILURES_TO_OPEN, WAIT),
                key -> new SmtpConnection(new SmtpSettings(key.route(), "dispatcher.test", Duration.ofSeconds(2), readTimeout),
                        key.security(), key.localAddress()),
                clock);
        transport = new RoutingTransport(router, pool);
        return transport;
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private RenderedMessage message(String to) {
        MailMessage m = Fixtures.transactional(to, "Hello", "Hello").build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    private static PoolKey key(int port) {
        return PoolKey.plain(new SmtpRoute("127.0.0.1", port));
    }

    @Test
    void aBrokenHostShouldOpenItsCircuitDeferWithoutConnectingAndCloseAfterASuccessfulProbe() throws Exception {
        int port;
        try (SilentServer broken = SilentServer.closing()) {
            port = broken.port();
            RoutingTransport t = smartHost(port, Duration.ofSeconds(2));
            for (int i = 0; i < FAILURES_TO_OPEN; i++) {
                assertThat(t.send(message("ann" + i + "@acme.test"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                        d -> assertThat(d.smtpReply()).isEmpty());
            }
            assertThat(broken.accepted()).isEqualTo(FAILURES_TO_OPEN);
            assertThat(pool.circuitState(key(port))).isEqualTo(CircuitState.OPEN);

            for (int i = 0; i < 5; i++) {
                assertThat(t.send(message("bob" + i + "@acme.test"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                        d -> assertThat(d.reason()).contains("circuit open for 127.0.0.1:" + port));
            }
            assertThat(broken.accepted()).as("no connection while the circuit is open").isEqualTo(FAILURES_TO_OPEN);

            clock.advance(WAIT.minusSeconds(1));
            assertThat(t.send(message("cy@acme.test"))).isInstanceOf(DeliveryOutcome.Deferred.class);
            assertThat(broken.accepted()).isEqualTo(FAILURES_TO_OPEN);
        }

        try (ScriptedSmtpServer repaired = new ScriptedSmtpServer(InetAddress.getByName("127.0.0.1"), port)) {
            clock.advance(Duration.ofSeconds(2));
            assertThat(transport.send(message("dee@acme.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(pool.circuitState(key(port))).isEqualTo(CircuitState.CLOSED);
            assertThat(transport.send(message("eve@acme.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(repaired.received()).hasSize(2);
        }
    }

    @Test
    void aDeadPortShouldOpenTheCircuitAndAFailedProbeShouldOpenItAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        RoutingTransport t = smartHost(port, Duration.ofSeconds(2));
        for (int i = 0; i < FAILURES_TO_OPEN; i++) {
            assertThat(t.send(message("ann" + i + "@acme.test"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                    d -> assertThat(d.reason()).contains("cannot connect"));
        }
        assertThat(t.send(message("bob@acme.test"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.reason()).contains("circuit open"));

        clock.advance(WAIT.plusSeconds(1));
        assertThat(t.send(message("cy@acme.test"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.reason()).contains("cannot connect"));
        assertThat(pool.circuitState(key(port))).isEqualTo(CircuitState.OPEN);
        assertThat(t.send(message("dee@acme.test"))).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class,
                d -> assertThat(d.reason()).contains("circuit open"));
    }

    @Test
    void aStalledHostShouldHoldWorkersOnlyForAFewReadTimeouts() throws Exception {
        int workers = 8;
        int messagesPerWorker = 10;
        try (SilentServer stalled = SilentServer.stalled()) {
            RoutingTransport t = smartHost(stalled.port(), Duration.ofMillis(300));
            List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                for (int w = 0; w < workers; w++) {
                    int worker = w;
                    pool.submit(() -> {
                        for (int i = 0; i < messagesPerWorker; i++) {
                            outcomes.add(t.send(message("w" + worker + "-" + i + "@acme.test")));
                        }
                    });
                }
                // Without a breaker this would take 10 rounds of 300 ms read timeouts; with it, about one.
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() == workers * messagesPerWorker);
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }

            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class));
            assertThat(outcomes).filteredOn(o -> ((DeliveryOutcome.Deferred) o).reason().contains("circuit open"))
                    .hasSizeGreaterThan(workers * messagesPerWorker - 2 * workers);
            assertThat(stalled.accepted()).isLessThanOrEqualTo(2 * workers);
        }
    }
}
