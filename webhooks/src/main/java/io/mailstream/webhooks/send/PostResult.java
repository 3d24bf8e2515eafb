package io.mailstream.webhooks.send;

import java.time.Duration;
import java.util.Optional;

/** What one POST of a batch came to. */
public sealed interface PostResult {
    /** 2xx: the receiver has the batch. */
    record Accepted(int status) implements PostResult {
    }

    /**
     * 5xx, 408, 429, a timeout or a connection error: try again later, not before {@code retryAfter} when the receiver said so.
     *
     * @param status the HTTP status, 0 when there was no answer
     */
    record Retryable(int status, String reason, Optional<Duration> retryAfter) implements PostResult {
    }

    /** Any other answer (4xx, 3xx): the same request will never be accepted; the batch goes to the dead letters at once. */
    record Rejected(int status, String reason) implements PostResult {
    }
}
