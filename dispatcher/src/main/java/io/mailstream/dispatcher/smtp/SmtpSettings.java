package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * How the dispatcher talks SMTP: the route, the name it announces in EHLO (RFC 5321 §4.1.1.1) and
 * socket timeouts. RFC 5321 §4.5.3.2 suggests minutes for most replies; the defaults are shorter
 * because a stalled smart host should defer mail, not stall the consumer past max.poll.interval.ms.
 */
public record SmtpSettings(SmtpRoute route, String ehloName, Duration connectTimeout, Duration readTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public SmtpSettings {
        if (route == null) {
            throw new InvalidConfigException("smtp.host", "is required");
        }
        if (ehloName == null || ehloName.isBlank() || ehloName.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new InvalidConfigException("smtp.ehlo-name", "must be a host name without spaces, was '" + ehloName + "'");
        }
        requirePositive("smtp.connect-timeout", connectTimeout);
        requirePositive("smtp.read-timeout", readTimeout);
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
