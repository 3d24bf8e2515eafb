package io.mailstream.dispatcher.routing;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.smtp.SmtpCredentials;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSecurity;
import io.mailstream.dispatcher.tls.TlsPolicy;
import io.mailstream.dispatcher.tls.TlsSettings;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One place to hand a message to: a host (the name a certificate must carry), optionally the
 * address already resolved for it (MX routing resolves through its own DNS), a port, TLS and AUTH.
 */
public record Destination(String host, Optional<InetAddress> address, int port, TlsSettings tls,
                          Optional<SmtpCredentials> auth) {
    public Destination {
        if (host == null || host.isBlank()) {
            throw new InvalidConfigException("route.host", "must not be empty");
        }
        host = MxHost.stripDot(host.strip()).toLowerCase(Locale.ROOT);
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new InvalidConfigException("route.port", "must be in 1..65535, was " + port);
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(auth, "auth");
        if (auth.isPresent() && tls.policy() != TlsPolicy.REQUIRED) {
            // A password must never cross the network in clear, not even "opportunistically".
            throw new InvalidConfigException("route.auth", "SMTP AUTH to " + host + " needs tls=REQUIRED, was " + tls.policy());
        }
    }

    /** A configured host reached through the system resolver, without AUTH. */
    public static Destination of(String host, int port, TlsSettings tls) {
        return new Destination(host, Optional.empty(), port, tls, Optional.empty());
    }

    /** Where the socket goes: the resolved address if there is one, else the host name. */
    public SmtpRoute route() {
        return new SmtpRoute(address.map(InetAddress::getHostAddress).orElse(host), port);
    }

    public SmtpSecurity security() {
        return new SmtpSecurity(tls, host, auth);
    }

    @Override
    public String toString() {
        return host + address.map(a -> "[" + a.getHostAddress() + "]").orElse("") + ":" + port + " tls=" + tls.policy()
                + (tls.implicit() ? "(implicit)" : "") + (auth.isPresent() ? " auth" : "");
    }
}
