package io.mailstream.dispatcher.retry;

import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When deferred mail (a 4xx reply or no reply, RFC 5321 §4.5.4.1) is tried again: attempt n waits
 * the n-th of {@link Topics#RETRY_DELAYS} (the last one repeats), on that delay's retry topic, until
 * the message is older than {@code maxAge}; then it expires instead. RFC 5321 §4.5.4.1 suggests
 * giving up after 4-5 days; the default is 3.
 */
public record RetryPolicy(List<Duration> delays, Duration maxAge) {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(3);

    public RetryPolicy {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
        delays = List.copyOf(delays);
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new InvalidConfigException("retry.max-age", "must be a positive duration, was " + maxAge);
        }
    }

    public static RetryPolicy withMaxAge(Duration maxAge) {
        return new RetryPolicy(Topics.RETRY_DELAYS, maxAge);
    }

    /** Where and when a deferred message goes next. */
    public record Retry(String topic, int attempt, Instant notBefore) {
    }

    /** The next try of a message deferred at {@code now}, or empty when it is too old to try again. */
    public Optional<Retry> next(MailMessage message, Instant now) {
        Duration delay = delays.get(Math.min(Math.max(message.getAttempt(), 0), delays.size() - 1));
        Instant notBefore = now.plus(delay);
        Instant created = message.getCreatedAt() != null ? message.getCreatedAt() : now;
        if (notBefore.isAfter(created.plus(maxAge))) {
            return Optional.empty();
        }
        return Optional.of(new Retry(topicFor(message, delay), message.getAttempt() + 1, notBefore));
    }

    /**
     * The retry topic of {@code delay} for the message's lane: transactional mail has retry topics of
     * its own ({@code mail.retry.transactional.*}), read by the dispatcher's transactional lane, so a
     * deferred receipt keeps its priority and never waits behind a campaign's retries.
     */
    public static String topicFor(MailMessage message, Duration delay) {
        return message.getKind() == MessageKind.TRANSACTIONAL ? Topics.transactionalRetryTopic(delay) : Topics.retryTopic(delay);
    }

    /** Every retry topic, in delay order: the campaign ones, then the transactional ones. */
    public List<String> topics() {
        return java.util.stream.Stream.concat(delays.stream().map(Topics::retryTopic),
                delays.stream().map(Topics::transactionalRetryTopic)).distinct().toList();
    }
}
