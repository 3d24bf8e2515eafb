package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.smtp.internal.Dialer;
import io.mailstream.dispatcher.smtp.internal.StallGuard;
import io.mailstream.dispatcher.tls.TlsSockets;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a dispatcher's SMTP connections share: one {@link Dialer} per destination (route, TLS and
 * AUTH, source address), because building a TLS context from a CA file is not cheap, and the
 * {@link StallGuard}s that time out their reads and writes (one thread for all connections of a
 * read timeout, instead of {@code SO_TIMEOUT} polling or a timer per I/O call). Thread-safe;
 * {@link #close()} when the connections are done.
 */
public final class SmtpSessions implements AutoCloseable {
    private static final int MAX_DIALERS = 10_000;

    private record Key(SmtpSettings settings, SmtpSecurity security, Optional<InetAddress> localAddress) {
    }

    private final Map<Key, Dialer> dialers = new ConcurrentHashMap<>();
    private final Map<Duration, StallGuard> guards = new ConcurrentHashMap<>();

    Dialer dialerFor(SmtpSettings settings, SmtpSecurity security, Optional<InetAddress> localAddress) {
        Key key = new Key(settings, security, localAddress);
        Dialer d = dialers.get(key);
        if (d != null) {
            return d;
        }
        if (dialers.size() >= MAX_DIALERS) {
            dialers.clear(); // direct MX delivery meets many hosts once; rebuilding one is cheap next to a connection
        }
        return dialers.computeIfAbsent(key, this::newDialer);
    }

    private Dialer newDialer(Key key) {
        SmtpSettings s = key.settings();
        SmtpSecurity sec = key.security();
        Dialer.Target target = new Dialer.Target(s.route().host(), s.route().port(), s.ehloName(), s.connectTimeout(),
                key.localAddress(), sec.tls(), TlsSockets.forRoute(sec.tls(), sec.serverName()), sec.serverName(), sec.auth(),
                s.transactionTimeout());
        return new Dialer(target, guards.computeIfAbsent(s.readTimeout(), StallGuard::new).socketFactory());
    }

    /** Stops timing out reads and writes; connections opened after this fail. */
    @Override
    public void close() {
        guards.values().forEach(StallGuard::close);
    }
}
