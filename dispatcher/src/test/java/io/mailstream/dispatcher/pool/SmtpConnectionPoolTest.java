package io.mailstream.dispatcher.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SmtpConnectionPoolTest {
    private static final PoolKey A = PoolKey.plain(new SmtpRoute("mx.a.example", 25));
    private static final PoolKey B = PoolKey.plain(new SmtpRoute("mx.b.example", 2525));

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final List<FakeConnection> opened = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate;
    private volatile DeliveryOutcome answer;

    private final class FakeConnection implements MailTransport {
        final PoolKey route;
        final AtomicInteger sent = new AtomicInteger();
        volatile boolean closed;

        FakeConnection(PoolKey route) {
            this.route = route;
        }

        @Override
        public DeliveryOutcome send(RenderedMessage message) {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.incrementAndGet();
            DeliveryOutcome a = answer;
            if (a != null) {
                return a;
            }
            return new DeliveryOutcome.Delivered(SmtpReply.of(250, "250 ok"), route.route().host());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private SmtpConnectionPool pool(int max, int perConnection) {
        return new SmtpConnectionPool(new PoolSettings(max, perConnection, Duration.ofSeconds(30)), route -> {
            FakeConnection c = new FakeConnection(route);
            opened.add(c);
            return c;
        }, clock);
    }

    @Test
    void campaignMailShouldNeverHoldTheConnectionsReservedForTransactionalMailWhichMayUseThemAll() throws Exception {
        SmtpConnectionPool pool = new SmtpConnectionPool(new PoolSettings(2, 1000, Duration.ofSeconds(30),
                Duration.ofMillis(200), 1), route -> {
            FakeConnection c = new FakeConnection(route);
            opened.add(c);
            return c;
        }, clock);
        CountDownLatch held = new CountDownLatch(1);
        gate = held;
        Thread campaign = Thread.ofVirtual().start(() -> {
            try {
                pool.send(A, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pool.stats().stream()
                .anyMatch(s -> s.busy() == 1));

        // The campaign's share (2 - 1) is taken: a second campaign message waits and gives up.
        assertThatThrownBy(() -> pool.send(A, null))
                .isInstanceOf(DestinationUnavailableException.AllConnectionsBusy.class);
        gate = null;
        DeliveryOutcome tx = ScopedValue.where(io.mailstream.dispatcher.lane.MailLane.CURRENT,
                io.mailstream.dispatcher.lane.MailLane.TRANSACTIONAL).call(() -> pool.send(A, null));

        assertThat(tx).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(opened).hasSize(2);
        held.countDown();
        assertThat(campaign.join(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void oneSenderShouldReuseOneConnectionForManyMessages() throws Exception {
        SmtpConnectionPool pool = pool(4, 1000);

        for (int i = 0; i < 50; i++) {
            pool.send(A, null);
        }

        assertThat(opened).singleElement().satisfies(c -> assertThat(c.sent).hasValue(50));
    }

    @Test
    void aConnectionShouldBeRetiredAfterItsMaximumMessages() throws Exception {
        SmtpConnectionPool pool = pool(4, 10);

        for (int i = 0; i < 25; i++) {
            pool.send(A, null);
        }

        assertThat(opened).hasSize(3);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(opened.get(1).closed).isTrue();
        assertThat(opened.get(2).closed).isFalse();
    }

    @Test
    void eachDestinationShouldHaveItsOwnConnections() throws Exception {
        SmtpConnectionPool pool = pool(4, 1000);

        pool.send(A, null);
        pool.send(B, null);
        pool.send(A, null);

        assertThat(opened).extracting(c -> c.route).containsExactly(A, B);
        assertThat(pool.idleConnections(A)).isEqualTo(1);
        assertThat(pool.idleConnections(B)).isEqualTo(1);
    }

    @Test
    void idleConnectionsShouldBeClosedAfterTheIdleTimeout() throws Exception {
        SmtpConnectionPool pool = pool(4, 1000);
        pool.send(A, null);

        clock.advance(Duration.ofSeconds(29));
        pool.evictIdle();
        assertThat(opened.get(0).closed).isFalse();

        clock.advance(Duration.ofSeconds(2));
        pool.evictIdle();
        assertThat(opened.get(0).closed).isTrue();
        assertThat(pool.idleConnections(A)).isZero();
    }

    @Test
    void aDestinationWithoutConnectionsShouldBeForgottenAndComeBackOnNextUse() throws Exception {
        SmtpConnectionPool pool = pool(4, 1000);
        pool.send(A, null);
        pool.send(B, null);
        clock.advance(Duration.ofSeconds(20));
        pool.send(B, null);

        clock.advance(Duration.ofSeconds(11));
        pool.evictIdle();
        assertThat(pool.stats()).extracting(DestinationStats::destination).containsExactly(B);

        assertThat(pool.send(A, null)).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(pool.stats()).extracting(DestinationStats::destination).containsExactly(A, B);
        assertThat(opened).hasSize(3);
    }

    @Test
    void concurrentSendersShouldNeverOpenMoreThanTheMaximumConnections() throws Exception {
        SmtpConnectionPool pool = pool(2, 1000);
        gate = new CountDownLatch(1);
        List<Thread> senders = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> {
                try {
                    pool.send(A, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (DestinationUnavailableException e) {
                    throw new AssertionError(e);
                }
            }, "test-sender-" + i);
            senders.add(t);
            t.start();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> opened.size() == 2);
        gate.countDown();
        for (Thread t : senders) {
            t.join(5000);
        }

        assertThat(opened).hasSize(2);
        assertThat(opened.stream().mapToInt(c -> c.sent.get()).sum()).isEqualTo(6);
    }

    private SmtpConnectionPool pool(ConnectionLimits limits, CircuitBreakerSettings circuits) {
        return new SmtpConnectionPool(new PoolSettings(8, 1000, Duration.ofSeconds(30), Duration.ofMillis(200)), limits, circuits,
                key -> {
                    FakeConnection c = new FakeConnection(key);
                    opened.add(c);
                    return c;
                }, clock);
    }

    @Test
    void circuitShouldOpenAfterConnectionFailuresAndDeferWithoutSending() throws Exception {
        SmtpConnectionPool pool = pool(ConnectionLimits.uniform(4), CircuitBreakerSettings.afterConsecutiveFailures(3, Duration.ofMinutes(1)));
        answer = DeliveryOutcome.Deferred.noReply("Connection refused", "mx.a.example");

        for (int i = 0; i < 3; i++) {
            pool.send(A, null);
        }

        assertThat(pool.circuitState(A)).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(() -> pool.send(A, null)).isInstanceOf(DestinationUnavailableException.CircuitOpen.class)
                .hasMessageContaining("mx.a.example:25");
        assertThat(opened.stream().mapToInt(c -> c.sent.get()).sum()).isEqualTo(3);
        assertThat(pool.circuitState(B)).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void repliesShouldNeverOpenTheCircuitEvenWhenTheyAreFailures() throws Exception {
        SmtpConnectionPool pool = pool(ConnectionLimits.uniform(4), CircuitBreakerSettings.afterConsecutiveFailures(2, Duration.ofMinutes(1)));
        answer = DeliveryOutcome.Deferred.byReply(SmtpReply.of(451, "451 4.3.0 try later"), "mx.a.example");
        pool.send(A, null);
        pool.send(A, null);
        answer = new DeliveryOutcome.Bounced(SmtpReply.of(550, "550 5.1.1 unknown"), "mx.a.example");
        pool.send(A, null);
        pool.send(A, null);

        assertThat(pool.circuitState(A)).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void anOpenCircuitShouldLetAProbeThroughAfterTheWaitAndCloseWhenItSucceeds() throws Exception {
        SmtpConnectionPool pool = pool(ConnectionLimits.uniform(4), CircuitBreakerSettings.afterConsecutiveFailures(2, Duration.ofMinutes(1)));
        answer = DeliveryOutcome.Deferred.noReply("Read timed out", "mx.a.example");
        pool.send(A, null);
        pool.send(A, null);
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> pool.send(A, null)).isInstanceOf(DestinationUnavailableException.CircuitOpen.class);

        clock.advance(Duration.ofSeconds(2));
        answer = null;
        assertThat(pool.send(A, null)).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(pool.circuitState(A)).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void connectionLimitsHookShouldBoundEachDestinationsBulkhead() throws Exception {
        SmtpConnectionPool pool = pool(key -> key.equals(A) ? 1 : 3, CircuitBreakerSettings.defaults());
        gate = new CountDownLatch(1);
        List<Thread> senders = new java.util.ArrayList<>();
        List<Object> results = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    results.add(pool.send(A, null));
                } catch (Exception e) {
                    results.add(e);
                }
            }, "test-sender-" + i);
            senders.add(t);
            t.start();
        }
        // The second sender waits the acquire timeout (200 ms) for A's only connection, then gives up.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> results.size() == 1);
        gate.countDown();
        for (Thread t : senders) {
            t.join(5000);
        }

        assertThat(opened).hasSize(1);
        assertThat(results).hasSize(2).anySatisfy(r -> assertThat(r).isInstanceOf(DestinationUnavailableException.AllConnectionsBusy.class))
                .anySatisfy(r -> assertThat(r).isInstanceOf(DeliveryOutcome.Delivered.class));
        assertThat(pool.stats()).singleElement().satisfies(st -> {
            assertThat(st.destination()).isEqualTo(A);
            assertThat(st.maxConnections()).isEqualTo(1);
        });
    }

    @Test
    void statsShouldShowBusyIdleAndCircuitPerDestination() throws Exception {
        SmtpConnectionPool pool = pool(ConnectionLimits.uniform(4), CircuitBreakerSettings.afterConsecutiveFailures(1, Duration.ofMinutes(1)));
        pool.send(A, null);
        answer = DeliveryOutcome.Deferred.noReply("Connection refused", "mx.b.example");
        pool.send(B, null);

        assertThat(pool.stats()).extracting(DestinationStats::destination, DestinationStats::busy, DestinationStats::idle,
                        DestinationStats::open, DestinationStats::circuit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(A, 0, 1, 1, CircuitState.CLOSED),
                        org.assertj.core.groups.Tuple.tuple(B, 0, 1, 1, CircuitState.OPEN));
    }
}
