package io.mailstream.webhooks.send;

import java.time.Instant;
import java.util.Optional;

/**
 * Sorts an HTTP answer: 2xx accepted; 5xx, 408 (Request Timeout) and 429 (Too Many Requests) are
 * worth retrying (with their {@code Retry-After}); every other status is a refusal of this request
 * that a retry would only repeat.
 */
public final class ResponseClassifier {
    private ResponseClassifier() {
    }

    public static PostResult classify(int status, Optional<String> retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return new PostResult.Accepted(status);
        }
        if (status >= 500 || status == 408 || status == 429) {
            return new PostResult.Retryable(status, "HTTP " + status, retryAfter.flatMap(v -> RetryAfter.parse(v, now)));
        }
        return new PostResult.Rejected(status, "HTTP " + status + " (not retried: only 5xx, 408 and 429 are)");
    }
}
