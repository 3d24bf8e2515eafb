package io.mailstream.dispatcher.throttle;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;

/**
 * Where mail that must wait hours for its warm-up budget waits: the retry topic of the longest
 * fixed delay that does not overshoot the reopening (the shortest if all do), with
 * {@code notBefore = now + that delay}, and its attempt count unchanged (it was never tried). Every
 * retry topic keeps its records in {@code notBefore} order that way, so none blocks a retry due
 * earlier; mail that comes back before its budget reopens waits again, in memory or in Kafka. It is
 * never sent early and never dropped.
 */
public final class OverflowRetry {
    private OverflowRetry() {
    }

    public static RetryPolicy.Retry of(MailMessage message, Instant now, Instant reopensAt) {
        Duration wait = Duration.between(now, reopensAt);
        Duration chosen = Topics.RETRY_DELAYS.get(0);
        for (Duration d : Topics.RETRY_DELAYS) {
            if (d.compareTo(wait) <= 0 && d.compareTo(chosen) > 0) {
                chosen = d;
            }
        }
        return new RetryPolicy.Retry(RetryPolicy.topicFor(message, chosen), message.getAttempt(), now.plus(chosen));
    }
}
