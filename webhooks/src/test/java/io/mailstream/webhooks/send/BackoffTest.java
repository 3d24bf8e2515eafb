package io.mailstream.webhooks.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.webhooks.config.RetryConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final RetryConfig config = new RetryConfig(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2, Duration.ofHours(24),
            Duration.ofSeconds(10));

    @Test
    void waitsShouldDoubleFromTheInitialBackoffUpToTheCap() {
        Backoff b = new Backoff(config, () -> 0.0);
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(b.delay(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.delay(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterShouldOnlyShortenAWaitByAtMostItsShare() {
        Backoff most = new Backoff(config, () -> 0.999_999);
        assertThat(most.delay(3)).isBetween(Duration.ofMillis(3200), Duration.ofSeconds(4));
        assertThat(most.delay(100)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
    }
}
