package io.mailstream.dispatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.pool.ConnectionLimits;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routed (direct MX) path shared by many delivery workers: two domains whose MX hosts are two
 * real SMTP servers on 127.0.0.1 and 127.0.0.2, eight threads sending at once through one
 * {@link RoutingTransport}. Parallel connections show as concurrent transactions on each server,
 * reuse as few sessions for many messages.
 */
class PooledRoutingTest {
    private static final int MAX_CONNECTIONS = 4;
    private static final int WORKERS = 8;
    private static final int MESSAGES_PER_WORKER = 50;

    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private final LocalDnsServer dns = new LocalDnsServer();
    private ScriptedSmtpServer mxA;
    private ScriptedSmtpServer mxB;
    private RoutingTransport transport;

    @BeforeEach
    void start() throws Exception {
        mxA = new ScriptedSmtpServer(InetAddress.getByName("127.0.0.1"), 0);
        mxB = new ScriptedSmtpServer(InetAddress.getByName("127.0.0.2"), mxA.port());
        dns.mx("a.test", 10, "mx.a.test", 300).a("mx.a.test", "127.0.0.1", 300)
                .mx("b.test", 10, "mx.b.test", 300).a("mx.b.test", "127.0.0.2", 300);
        RouteConfig config = RouteConfig.directMx(DnsSettings.resolver(dns.address())).withAllowPrivateAddresses(true)
                .withDirectPort(mxA.port()).withDirectTls(TlsSettings.NONE);
        Router router = new Router(config, new CachingMxResolver(new DnsMxResolver(config.dns()), Clock.systemUTC()));
        SmtpConnectionPool pool = new SmtpConnectionPool(new PoolSettings(MAX_CONNECTIONS, 1000, Duration.ofSeconds(30)),
                ConnectionLimits.uniform(MAX_CONNECTIONS), CircuitBreakerSettings.defaults(),
                key -> new SmtpConnection(new SmtpSettings(key.route(), "dispatcher.test", Duration.ofSeconds(5),
                        Duration.ofSeconds(15)), key.security(), key.localAddress()),
                Clock.systemUTC());
        transport = new RoutingTransport(router, pool);
    }

    @AfterEach
    void stop() {
        transport.close();
        mxA.close();
        mxB.close();
        dns.close();
    }

    private RenderedMessage message(String to) {
        MailMessage m = Fixtures.transactional(to, "Hello " + to, "Hello").build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    @Test
    void manyWorkersShouldDeliverOverParallelReusedConnectionsPerMxHost() throws Exception {
        mxA.holdUntilConcurrent(MAX_CONNECTIONS);
        mxB.holdUntilConcurrent(MAX_CONNECTIONS);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<List<DeliveryOutcome>>> results = new ArrayList<>();
        try {
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                results.add(workers.submit(() -> {
                    List<DeliveryOutcome> outcomes = new ArrayList<>();
                    for (int i = 0; i < MESSAGES_PER_WORKER; i++) {
                        String domain = (worker + i) % 2 == 0 ? "a.test" : "b.test";
                        outcomes.add(transport.send(message("w" + worker + "-" + i + "@" + domain)));
                    }
                    return outcomes;
                }));
            }
            for (Future<List<DeliveryOutcome>> f : results) {
                assertThat(f.get()).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
            }
        } finally {
            workers.shutdownNow();
        }

        int perServer = WORKERS * MESSAGES_PER_WORKER / 2;
        assertThat(mxA.received()).hasSize(perServer)
                .allSatisfy(r -> assertThat(r.recipients()).singleElement().asString().endsWith("@a.test"));
        assertThat(mxB.received()).hasSize(perServer)
                .allSatisfy(r -> assertThat(r.recipients()).singleElement().asString().endsWith("@b.test"));
        // Parallel: as many transactions at once as the pool allows, never more.
        assertThat(mxA.maxConcurrentTransactions()).isEqualTo(MAX_CONNECTIONS);
        assertThat(mxB.maxConcurrentTransactions()).isEqualTo(MAX_CONNECTIONS);
        // Reused: a handful of sessions for 200 messages each.
        assertThat(mxA.sessions()).isEqualTo(MAX_CONNECTIONS);
        assertThat(mxB.sessions()).isEqualTo(MAX_CONNECTIONS);
    }
}
