package io.mailstream.dispatcher.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SmtpConnectionPoolTest {
    private static final SmtpRoute A = new SmtpRoute("mx.a.example", 25);
    private static final SmtpRoute B = new SmtpRoute("mx.b.example", 2525);

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final List<FakeConnection> opened = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate;

    private final class FakeConnection implements MailTransport {
        final SmtpRoute route;
        final AtomicInteger sent = new AtomicInteger();
        volatile boolean closed;

        FakeConnection(SmtpRoute route) {
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
            return new DeliveryOutcome.Delivered(SmtpReply.of(250, "250 ok"), route.host());
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
}
