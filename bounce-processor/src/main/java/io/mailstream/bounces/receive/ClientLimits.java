package io.mailstream.bounces.receive;

import io.mailstream.bounces.topology.BounceConfigException;
import java.time.Duration;

/**
 * How much one client IP may use the bounce receiver, so one misbehaving or hostile sender cannot
 * take every session or flood {@code mail.bounces.raw}. A refused client is told to come back
 * later (421 at connect, 451 at MAIL FROM): real MTAs queue and retry, so nothing they hold is lost.
 *
 * @param maxConnections concurrent SMTP sessions of one IP
 * @param maxMessages    mail transactions (MAIL FROM) one IP may start per {@code window}
 * @param window         the period {@code maxMessages} counts over (fixed windows, starting at a client's first message)
 */
public record ClientLimits(int maxConnections, int maxMessages, Duration window) {
    public static final int DEFAULT_MAX_CONNECTIONS = 10;
    public static final int DEFAULT_MAX_MESSAGES = 600;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final ClientLimits DEFAULTS = new ClientLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_MESSAGES, DEFAULT_WINDOW);

    public ClientLimits {
        if (maxConnections < 1) {
            throw BounceConfigException.invalid("receiver.clientLimits.maxConnections", "must be at least 1, was " + maxConnections);
        }
        if (maxMessages < 1) {
            throw BounceConfigException.invalid("receiver.clientLimits.maxMessages", "must be at least 1, was " + maxMessages);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw BounceConfigException.invalid("receiver.clientLimits.window", "must be a positive duration, was " + window);
        }
    }
}
