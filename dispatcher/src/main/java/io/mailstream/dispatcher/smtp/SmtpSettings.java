package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * How the dispatcher talks SMTP: the route, the name it announces in EHLO (RFC 5321 §4.1.1.1) and
 * socket timeouts. RFC 5321 §4.5.3.2 suggests minutes for most replies; the defaults are shorter
 * because a stalled smart host should defer mail, not stall the consumer past max.poll.interval.ms.
 *
 * @param readTimeout        {@code smtp.read-timeout}: how long one read or write may block
 * @param transactionTimeout {@code smtp.transaction-timeout}: how long a whole transaction (MAIL to the end
 *                           of data), and a whole session set-up (greeting, EHLO, STARTTLS, AUTH), may take.
 *                           The read timeout alone does not bound it: a receiver that drips one byte every
 *                           few seconds never lets a single read time out.
 */
public record SmtpSettings(SmtpRoute route, String ehloName, Duration connectTimeout, Duration readTimeout,
                           Duration transactionTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

    public SmtpSettings {
        if (route == null) {
            throw new InvalidConfigException("smtp.host", "is required");
        }
        if (ehloName == null || ehloName.isBlank() || ehloName.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new InvalidConfigException("smtp.ehlo-name", "must be a host name without spaces, was '" + ehloName + "'");
        }
        requirePositive("smtp.connect-timeout", connectTimeout);
        requirePositive("smtp.read-timeout", readTimeout);
        requirePositive("smtp.transaction-timeout", transactionTimeout);
        if (transactionTimeout.compareTo(readTimeout) < 0) {
            throw new InvalidConfigException("smtp.transaction-timeout", "must be at least smtp.read-timeout ("
                    + readTimeout + "), was " + transactionTimeout);
        }
    }

    /** With the default transaction timeout, or the read timeout when that is longer. */
    public SmtpSettings(SmtpRoute route, String ehloName, Duration connectTimeout, Duration readTimeout) {
        this(route, ehloName, connectTimeout, readTimeout, readTimeout == null
                ? DEFAULT_TRANSACTION_TIMEOUT : max(readTimeout, DEFAULT_TRANSACTION_TIMEOUT));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidConfigException(key, "must be a positive duration, was " + d);
        }
        if (d.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidConfigException(key, "is too long: " + d);
        }
    }
}
