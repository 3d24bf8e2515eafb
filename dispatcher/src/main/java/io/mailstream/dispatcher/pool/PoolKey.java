package io.mailstream.dispatcher.pool;

import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSecurity;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes two SMTP connections interchangeable, and so the key of one pool: where the socket
 * goes (host or resolved address, port), how it is secured (TLS policy, certificate name, AUTH)
 * and the local address it is bound to (the sending IP, {@code mail.smtp.localaddress}).
 *
 * @param route        address or host name and port connected to
 * @param security     TLS and AUTH; {@link SmtpSecurity#serverName()} is the destination host name
 * @param localAddress source address of the connection; empty lets the operating system choose
 */
public record PoolKey(SmtpRoute route, SmtpSecurity security, Optional<InetAddress> localAddress) {
    public PoolKey {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(localAddress, "localAddress");
    }

    /** Plain SMTP to {@code route} from any local address (the walking skeleton's smart host). */
    public static PoolKey plain(SmtpRoute route) {
        return new PoolKey(route, SmtpSecurity.plain(route), Optional.empty());
    }

    /**
     * The host one circuit breaker guards: the destination's name and port. Every address of one
     * MX host shares it, so a host that stopped answering is skipped whichever address was tried.
     */
    public String host() {
        return security.serverName() + ":" + route.port();
    }

    @Override
    public String toString() {
        String target = route.host().equals(security.serverName()) ? route.toString()
                : security.serverName() + "[" + route.host() + "]:" + route.port();
        return target + " tls=" + security.tls().policy() + localAddress.map(a -> " from " + a.getHostAddress()).orElse("");
    }
}
