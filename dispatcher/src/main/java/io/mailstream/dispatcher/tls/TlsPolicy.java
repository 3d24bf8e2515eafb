package io.mailstream.dispatcher.tls;

/**
 * Whether a route must, may or must not encrypt (RFC 3207 STARTTLS; RFC 8314 for implicit TLS).
 */
public enum TlsPolicy {
    /** Plain SMTP; STARTTLS is not attempted. */
    NONE,
    /**
     * STARTTLS when the server offers it, plain text otherwise; the certificate is not checked,
     * as most MX hosts present one no public CA vouches for (RFC 7435 opportunistic security).
     */
    OPPORTUNISTIC,
    /**
     * TLS or nothing: a server without STARTTLS, or whose certificate does not verify against the
     * trusted CAs and the route's host name, defers the mail instead of seeing it in clear.
     */
    REQUIRED
}
