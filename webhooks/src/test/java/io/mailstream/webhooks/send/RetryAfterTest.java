package io.mailstream.webhooks.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void delaySecondsShouldBeReadAsAWait() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateShouldBeReadAsTheWaitUntilThenAndAPastDateAsNoWait() {
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void absentOrUnreadableValuesShouldLeaveTheDecisionToTheBackoff() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    }

    @Test
    void statusesShouldBeSortedIntoAcceptedRetryableAndRejected() {
        assertThat(ResponseClassifier.classify(200, Optional.empty(), NOW)).isInstanceOf(PostResult.Accepted.class);
        assertThat(ResponseClassifier.classify(204, Optional.empty(), NOW)).isInstanceOf(PostResult.Accepted.class);
        for (int s : new int[] {500, 502, 503, 504, 408, 429}) {
            assertThat(ResponseClassifier.classify(s, Optional.empty(), NOW)).as("HTTP %d", s).isInstanceOf(PostResult.Retryable.class);
        }
        for (int s : new int[] {400, 401, 403, 404, 410, 413, 422, 301, 302}) {
            assertThat(ResponseClassifier.classify(s, Optional.empty(), NOW)).as("HTTP %d", s).isInstanceOf(PostResult.Rejected.class);
        }
        assertThat(ResponseClassifier.classify(429, Optional.of("30"), NOW))
                .isEqualTo(new PostResult.Retryable(429, "HTTP 429", Optional.of(Duration.ofSeconds(30))));
    }
}
