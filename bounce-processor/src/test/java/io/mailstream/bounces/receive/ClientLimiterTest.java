package io.mailstream.bounces.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-IP counts, with a clock the test sets: limits per IP, windows that end, state that does not pile up. */
class ClientLimiterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private volatile Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ClientLimiter limiter = new ClientLimiter(new ClientLimits(2, 2, Duration.ofMinutes(1)), clock);

    @Test
    void connectionsShouldBeCountedPerIpAndFreedWhenTheyEnd() {
        assertThat(limiter.tryConnect("192.0.2.1")).isTrue();
        assertThat(limiter.tryConnect("192.0.2.1")).isTrue();
        assertThat(limiter.tryConnect("192.0.2.1")).isFalse();
        assertThat(limiter.tryConnect("192.0.2.2")).isTrue();

        limiter.disconnected("192.0.2.1");

        assertThat(limiter.tryConnect("192.0.2.1")).isTrue();
    }

    @Test
    void messagesShouldBeRefusedOverTheLimitUntilTheWindowEnds() {
        assertThat(limiter.tryMessage("192.0.2.1")).isTrue();
        assertThat(limiter.tryMessage("192.0.2.1")).isTrue();
        assertThat(limiter.tryMessage("192.0.2.1")).isFalse();
        assertThat(limiter.tryMessage("192.0.2.2")).isTrue();

        now = T0.plusSeconds(60);

        assertThat(limiter.tryMessage("192.0.2.1")).isTrue();
    }

    @Test
    void clientsThatLeftBeforeTheirWindowEndedShouldBeSweptOnceItHas() {
        for (int i = 0; i < 100; i++) {
            String ip = "198.51.100." + i;
            limiter.tryConnect(ip);
            limiter.tryMessage(ip);
            limiter.disconnected(ip); // window still running: kept
        }
        assertThat(limiter.trackedClients()).isEqualTo(100);
        limiter.tryConnect("203.0.113.9"); // one still connected: never swept

        now = T0.plusSeconds(61);
        for (int i = 0; i < ClientLimiter.SWEEP_EVERY; i++) {
            limiter.tryConnect("203.0.113.10");
            limiter.disconnected("203.0.113.10");
        }

        assertThat(limiter.trackedClients()).isEqualTo(1);
    }
}
