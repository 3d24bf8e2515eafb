package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.tls.TlsSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS and authentication for one SMTP connection.
 *
 * @param tls        STARTTLS / implicit TLS policy (RFC 3207, RFC 8314)
 * @param serverName the host name the server certificate must carry; differs from the connected
 *                   host when MX routing connects to an address it resolved itself
 * @param auth       SMTP AUTH credentials (RFC 4954), for submission relays
 */
public record SmtpSecurity(TlsSettings tls, String serverName, Optional<SmtpCredentials> auth) {
    public SmtpSecurity {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(auth, "auth");
    }

    /** Plain SMTP without AUTH: what the walking skeleton always did. */
    public static SmtpSecurity plain(SmtpRoute route) {
        return new SmtpSecurity(TlsSettings.NONE, route.host(), Optional.empty());
    }
}
