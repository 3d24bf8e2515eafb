package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.smtp.internal.StallGuard;
import io.mailstream.dispatcher.tls.TlsSessionProperties;
import jakarta.mail.Session;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Jakarta Mail sessions of a dispatcher's SMTP connections: one per destination (route, TLS
 * and AUTH, source address), shared by that destination's connections, because building a
 * {@link Session} scans the class path for mail providers. Also owns the {@link StallGuard} that
 * times out their reads and writes (one thread for all connections, instead of
 * {@code SO_TIMEOUT} polling and Jakarta Mail's executor thread per socket). Implicit TLS
 * (port 465) connections keep Jakarta Mail's own timeouts: Jakarta Mail opens their socket itself.
 * Thread-safe; {@link #close()} when the connections are done.
 */
public final class SmtpSessions implements AutoCloseable {
    private static final int MAX_SESSIONS = 10_000;

    private record Key(SmtpSettings settings, SmtpSecurity security, Optional<InetAddress> localAddress) {
    }

    private final Map<Key, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Duration, StallGuard> guards = new ConcurrentHashMap<>();

    Session sessionFor(SmtpSettings settings, SmtpSecurity security, Optional<InetAddress> localAddress) {
        Key key = new Key(settings, security, localAddress);
        Session s = sessions.get(key);
        if (s != null) {
            return s;
        }
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.clear(); // direct MX delivery meets many hosts once; rebuilding one is cheap next to a connection
        }
        return sessions.computeIfAbsent(key, this::newSession);
    }

    private Session newSession(Key key) {
        SmtpSettings s = key.settings();
        Properties p = new Properties();
        p.put("mail.smtp.host", s.route().host());
        p.put("mail.smtp.port", Integer.toString(s.route().port()));
        p.put("mail.smtp.localhost", s.ehloName());
        p.put("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        if (key.security().tls().implicit()) {
            p.put("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
            p.put("mail.smtp.writetimeout", Long.toString(s.readTimeout().toMillis()));
        } else {
            p.put("mail.smtp.socketFactory", guards.computeIfAbsent(s.readTimeout(), StallGuard::new).socketFactory());
        }
        // Closing should not wait for the server's QUIT reply: the transactions are already done.
        p.put("mail.smtp.quitwait", "false");
        p.put("mail.smtp.starttls.enable", "false");
        TlsSessionProperties.apply(p, key.security().tls(), key.security().serverName());
        p.put("mail.smtp.auth", Boolean.toString(key.security().auth().isPresent()));
        key.localAddress().ifPresent(a -> p.put("mail.smtp.localaddress", a.getHostAddress()));
        return Session.getInstance(p);
    }

    /** Stops timing out reads and writes; connections opened after this fail. */
    @Override
    public void close() {
        guards.values().forEach(StallGuard::close);
    }
}
