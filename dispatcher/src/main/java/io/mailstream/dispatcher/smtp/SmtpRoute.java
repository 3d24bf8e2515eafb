package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.InvalidConfigException;

/**
 * Where mail is handed over: for now one smart host (RFC 5321 §3.6 relay) reached in plain SMTP.
 * MX routing per recipient domain (RFC 5321 §5.1) will produce routes of the same shape.
 */
public record SmtpRoute(String host, int port) {
    public SmtpRoute {
        if (host == null || host.isBlank()) {
            throw new InvalidConfigException("smtp.host", "must not be empty");
        }
        if (host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidConfigException("smtp.host", "contains whitespace or control characters: '" + host.strip() + "'");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidConfigException("smtp.port", "must be in 1..65535, was " + port);
        }
    }

    /** Parses {@code host:port}; the port defaults to 25 when absent. */
    public static SmtpRoute parse(String hostPort) {
        if (hostPort == null || hostPort.isBlank()) {
            throw new InvalidConfigException("smtp.host", "must not be empty");
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return new SmtpRoute(hostPort.strip(), 25);
        }
        try {
            return new SmtpRoute(hostPort.substring(0, colon).strip(), Integer.parseInt(hostPort.substring(colon + 1).strip()));
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("smtp.port", "is not a number in '" + hostPort + "'");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
