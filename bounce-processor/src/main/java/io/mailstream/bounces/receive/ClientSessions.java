package io.mailstream.bounces.receive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits a new SMTP session only while its client IP is under {@link ClientLimits#maxConnections()};
 * otherwise the greeting is {@code 421 4.7.0} (RFC 5321 §3.1: the client may try again later)
 * and the connection is closed.
 */
final class ClientSessions implements SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSessions.class);

    private final ClientLimiter limiter;
    private final ReceiverObserver observer;

    ClientSessions(ClientLimiter limiter, ReceiverObserver observer) {
        this.limiter = limiter;
        this.observer = observer;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        String ip = BounceReceiver.describe(session.getRemoteAddress());
        if (limiter.tryConnect(ip)) {
            return SessionAcceptance.success();
        }
        observer.clientLimited(ReceiverObserver.ClientLimit.CONNECTIONS);
        LOG.info("Refused a connection from {}: over its concurrent sessions", ip);
        return SessionAcceptance.failure(421, "4.7.0 too many connections from " + ip + ", try again later");
    }

    /** Called by the server only for sessions {@link #accept} let in. */
    @Override
    public void onSessionEnd(Session session) {
        limiter.disconnected(BounceReceiver.describe(session.getRemoteAddress()));
    }
}
