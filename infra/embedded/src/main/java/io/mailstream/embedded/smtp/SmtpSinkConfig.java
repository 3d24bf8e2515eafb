package io.mailstream.embedded.smtp;

import java.net.InetAddress;
import java.util.List;

/**
 * How to run the {@link SmtpSink}.
 *
 * @param port             0 = a free port
 * @param hostName         the name in the greeting and the host clients should connect to
 * @param keepMessages     keep each accepted message (envelope and bytes) in memory; off for volume runs
 * @param maxKeptMessages  when keeping messages, the oldest are dropped beyond this many
 * @param rules            initial scripted replies; more can be added at runtime
 * @param bindAddress      the interface to listen on: loopback by default, since a sink accepts mail
 *                         from anyone; another one only when asked ({@link #boundTo})
 * @param latency          how long replies take (none by default)
 * @param maxConnections   sessions open at once; more are answered 421 and closed
 */
public record SmtpSinkConfig(int port, String hostName, boolean keepMessages, int maxKeptMessages, List<SinkRule> rules,
                             InetAddress bindAddress, SinkLatency latency, int maxConnections) {
    public static final int DEFAULT_MAX_KEPT_MESSAGES = 10_000;
    /** Sessions are virtual threads: a slow sink can hold as many connections as a dispatcher opens. */
    public static final int DEFAULT_MAX_CONNECTIONS = 20_000;

    public SmtpSinkConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (free port) or 1..65535, was " + port);
        }
        if (hostName == null || hostName.isBlank()) {
            throw new IllegalArgumentException("hostName is empty");
        }
        if (maxKeptMessages < 1) {
            throw new IllegalArgumentException("maxKeptMessages must be at least 1, was " + maxKeptMessages);
        }
        rules = List.copyOf(rules);
        if (bindAddress == null) {
            throw new IllegalArgumentException("bindAddress is null; InetAddress.getLoopbackAddress() for this machine only");
        }
        if (latency == null) {
            throw new IllegalArgumentException("latency is null (SinkLatency.NONE for none)");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
    }

    /** Loopback only, answering at once, up to {@link #DEFAULT_MAX_CONNECTIONS} sessions. */
    public SmtpSinkConfig(int port, String hostName, boolean keepMessages, int maxKeptMessages, List<SinkRule> rules) {
        this(port, hostName, keepMessages, maxKeptMessages, rules, InetAddress.getLoopbackAddress(), SinkLatency.NONE,
                DEFAULT_MAX_CONNECTIONS);
    }

    /** Free port on localhost, counting only, no rules. */
    public static SmtpSinkConfig defaults() {
        return new SmtpSinkConfig(0, "localhost", false, DEFAULT_MAX_KEPT_MESSAGES, List.of());
    }

    /** The same sink listening on {@code address} (e.g. {@code 0.0.0.0} for every interface). */
    public SmtpSinkConfig boundTo(InetAddress address) {
        return new SmtpSinkConfig(port, hostName, keepMessages, maxKeptMessages, rules, address, latency, maxConnections);
    }

    public SmtpSinkConfig keepingMessages() {
        return new SmtpSinkConfig(port, hostName, true, maxKeptMessages, rules, bindAddress, latency, maxConnections);
    }

    public SmtpSinkConfig withLatency(SinkLatency newLatency) {
        return new SmtpSinkConfig(port, hostName, keepMessages, maxKeptMessages, rules, bindAddress, newLatency, maxConnections);
    }

    public SmtpSinkConfig withRules(List<SinkRule> newRules) {
        return new SmtpSinkConfig(port, hostName, keepMessages, maxKeptMessages, newRules, bindAddress, latency, maxConnections);
    }
}
