package io.mailstream.webhooks.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.testkit.MutableClock;
import io.mailstream.webhooks.config.RetryConfig;
import io.mailstream.webhooks.config.SigningKey;
import io.mailstream.webhooks.sign.SignatureVerifier;
import io.mailstream.webhooks.sign.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchSenderTest {
    private static final String SECRET = "0123456789abcdef0123";
    private static final byte[] BODY = "[]".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private final Deque<PostResult> script = new ArrayDeque<>();
    private final Pause pause = d -> {
        waits.add(d);
        clock.advance(d);
    };
    private final EndpointClient client = (body, header) -> {
        headers.add(header);
        // once the script is used up the endpoint stays down
        return script.isEmpty() ? new PostResult.Retryable(503, "HTTP 503", Optional.empty()) : script.poll();
    };

    private BatchSender sender(RetryConfig retry) {
        return new BatchSender("crm", client, new WebhookSigner(new SigningKey("k1", SECRET)), new Backoff(retry, () -> 0.0), retry,
                clock, pause);
    }

    private static RetryConfig retry(Duration giveUpAfter) {
        return new RetryConfig(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2, giveUpAfter, Duration.ofSeconds(10));
    }

    @Test
    void fiveHundredsTimeoutsAndConnectionErrorsShouldBeRetriedWithGrowingWaitsUntilA2xx() throws InterruptedException {
        script.add(new PostResult.Retryable(503, "HTTP 503", Optional.empty()));
        script.add(new PostResult.Retryable(0, "timed out", Optional.empty()));
        script.add(new PostResult.Retryable(0, "connection failed", Optional.empty()));
        script.add(new PostResult.Accepted(204));
        List<Integer> retried = new ArrayList<>();
        SendOutcome out = sender(RetryConfig.DEFAULTS).send(BODY, (attempt, reason, wait) -> retried.add(attempt));
        assertThat(out).isEqualTo(new SendOutcome.Delivered(4, 204));
        assertThat(retried).containsExactly(1, 2, 3);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(1)).isGreaterThan(waits.get(0));
        assertThat(waits.get(2)).isGreaterThan(waits.get(1));
    }

    @Test
    void everyAttemptShouldBeSignedAnewWithItsOwnTimestamp() throws InterruptedException {
        script.add(new PostResult.Retryable(500, "HTTP 500", Optional.of(Duration.ofSeconds(10))));
        script.add(new PostResult.Accepted(200));
        sender(RetryConfig.DEFAULTS).send(BODY, (a, r, w) -> { });
        assertThat(headers).hasSize(2);
        assertThat(headers.get(0)).isNotEqualTo(headers.get(1));
        SignatureVerifier v = new SignatureVerifier(Map.of("k1", SECRET), Duration.ofSeconds(1));
        assertThat(v.verify(headers.get(1), BODY, clock.instant())).isEqualTo(SignatureVerifier.Result.VALID);
    }

    @Test
    void retryAfterLongerThanTheBackoffShouldBeWaitedOut() throws InterruptedException {
        script.add(new PostResult.Retryable(429, "HTTP 429", Optional.of(Duration.ofSeconds(90))));
        script.add(new PostResult.Retryable(503, "HTTP 503", Optional.of(Duration.ofMillis(10))));
        script.add(new PostResult.Accepted(200));
        sender(RetryConfig.DEFAULTS).send(BODY, (a, r, w) -> { });
        // the receiver's 90 s wins over the 1 s backoff; its 10 ms does not shorten the 2 s backoff
        assertThat(waits).containsExactly(Duration.ofSeconds(90), Duration.ofSeconds(2));
    }

    @Test
    void aFourHundredOtherThan408Or429ShouldGiveUpAtOnceWithoutWaiting() throws InterruptedException {
        script.add(new PostResult.Rejected(400, "HTTP 400 (not retried: only 5xx, 408 and 429 are)"));
        SendOutcome out = sender(RetryConfig.DEFAULTS).send(BODY, (a, r, w) -> { });
        assertThat(out).isInstanceOfSatisfying(SendOutcome.GaveUp.class, g -> {
            assertThat(g.attempts()).isEqualTo(1);
            assertThat(g.status()).isEqualTo(400);
        });
        assertThat(waits).isEmpty();
    }

    @Test
    void anEndpointDownForTheWholeRetryPeriodShouldBeGivenUpOnceItIsOver() throws InterruptedException {
        Instant start = clock.instant();
        SendOutcome out = sender(RetryConfig.DEFAULTS).send(BODY, (a, r, w) -> { });
        assertThat(out).isInstanceOfSatisfying(SendOutcome.GaveUp.class, g -> {
            assertThat(g.status()).isEqualTo(503);
            assertThat(g.reason()).contains("PT24H");
        });
        Duration waited = Duration.between(start, clock.instant());
        // never past the default 24 h, and not given up before the last 5-minute wait would have crossed it
        assertThat(waited).isLessThanOrEqualTo(Duration.ofHours(24)).isGreaterThan(Duration.ofHours(24).minusMinutes(5));
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void aRetryAfterBeyondTheRetryPeriodShouldGiveUpRatherThanWait() throws InterruptedException {
        script.add(new PostResult.Retryable(503, "HTTP 503", Optional.of(Duration.ofHours(2))));
        SendOutcome out = sender(retry(Duration.ofHours(1))).send(BODY, (a, r, w) -> { });
        assertThat(out).isInstanceOf(SendOutcome.GaveUp.class);
        assertThat(waits).isEmpty();
    }
}
