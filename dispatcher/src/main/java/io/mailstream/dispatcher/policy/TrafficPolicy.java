package io.mailstream.dispatcher.policy;

import java.util.OptionalInt;

/**
 * How fast and how wide one destination may be sent to: a name, what it matches, the budget of the
 * whole destination (split between a domain's shards by the throttle), connection limits and
 * circuit-breaker settings. Limits that are empty are not enforced.
 *
 * @param maxPerSecond            messages per second to the destination (whole domain, all dispatchers)
 * @param maxPerHour              messages per hour to the destination
 * @param maxConnections          deliveries in flight at once, per dispatcher (named policies: across their domains; the default policy: per domain)
 * @param maxMessagesPerConnection messages sent over one SMTP connection before it is closed
 */
public record TrafficPolicy(String name, PolicyMatcher matcher, OptionalInt maxPerSecond, OptionalInt maxPerHour,
                            int maxConnections, int maxMessagesPerConnection, BreakerSettings breaker) {
    public static final String DEFAULT_NAME = "default";
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final int DEFAULT_MAX_MESSAGES_PER_CONNECTION = 1000;

    public TrafficPolicy {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("policy name must be lower-case letters, digits, '-' or '_', was '" + name + "'");
        }
        if (matcher == null || maxPerSecond == null || maxPerHour == null || breaker == null) {
            throw new IllegalArgumentException("policy " + name + ": matcher, limits and breaker are required");
        }
        if (maxConnections < 1 || maxMessagesPerConnection < 1) {
            throw new IllegalArgumentException("policy " + name + ": connection limits must be at least 1");
        }
    }

    /** The policy for everything no other policy matches: no rate limit, {@value #DEFAULT_MAX_CONNECTIONS} connections. */
    public static TrafficPolicy defaults() {
        return new TrafficPolicy(DEFAULT_NAME, new PolicyMatcher.Everything(), OptionalInt.empty(), OptionalInt.empty(),
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_MESSAGES_PER_CONNECTION, BreakerSettings.DEFAULTS);
    }

    public boolean isDefault() {
        return matcher instanceof PolicyMatcher.Everything;
    }
}
