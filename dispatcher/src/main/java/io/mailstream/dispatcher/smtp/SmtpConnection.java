package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SendingIdentity;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.internal.Dialer;
import io.mailstream.dispatcher.smtp.internal.Envelope;
import io.mailstream.dispatcher.smtp.internal.SmtpSession;
import io.mailstream.dispatcher.smtp.internal.TransactionResult;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session (RFC 5321 §3) over which many messages are sent, one transaction each:
 * connecting per message costs a TCP and EHLO round trip every time and is what large receivers
 * throttle first. The connection is opened on first use and reopened when the server has dropped
 * it (a 421 reply, RFC 5321 §3.8, or an idle timeout). Each message carries its own envelope
 * sender (the VERP address). When the server offers PIPELINING (RFC 2920) the envelope and DATA
 * go in one round trip. Our own client ({@code smtp.internal}), not Jakarta Mail's, which cannot
 * pipeline: see the module README. Not thread-safe.
 */
public final class SmtpConnection implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final SmtpSettings settings;
    private final Optional<InetAddress> localAddress;
    private final Dialer dialer;
    private SmtpSession session;
    private int connects;

    public SmtpConnection(SmtpSettings settings) {
        this(settings, SmtpSecurity.plain(settings.route()));
    }

    /** A connection with STARTTLS / implicit TLS and SMTP AUTH as {@code security} says. */
    public SmtpConnection(SmtpSettings settings, SmtpSecurity security) {
        this(settings, security, Optional.empty());
    }

    /** As {@link #SmtpConnection(SmtpSettings, SmtpSecurity)}, bound to {@code localAddress}: the sending IP receivers see and judge. */
    public SmtpConnection(SmtpSettings settings, SmtpSecurity security, Optional<InetAddress> localAddress) {
        // Its own sessions: their stall guard's thread ends by itself once this connection's socket is closed.
        this(settings, security, localAddress, new SmtpSessions());
    }

    /** As above, with the dialer (and stall guard) shared with the other connections of {@code sessions}. */
    public SmtpConnection(SmtpSettings settings, SmtpSecurity security, Optional<InetAddress> localAddress,
                          SmtpSessions sessions) {
        this.settings = settings;
        this.localAddress = localAddress;
        this.dialer = sessions.dialerFor(settings, security, localAddress);
    }

    @Override
    public DeliveryOutcome send(RenderedMessage message) {
        boolean reused = session != null;
        DeliveryOutcome outcome = attempt(message);
        if (reused && outcome instanceof DeliveryOutcome.Deferred d && d.smtpReply().isEmpty()) {
            // A pooled connection the server closed while idle fails on first use; that says nothing about the message.
            log.debug("reused connection to {} failed ({}); retrying once on a new connection", settings.route(), d.reason());
            outcome = attempt(message);
        }
        return outcome;
    }

    /** An SMTP attempt, noting the source IP (the socket's, else the configured one) and the EHLO name it went with. */
    private DeliveryOutcome attempt(RenderedMessage message) {
        String host = settings.route().host();
        try {
            ensureConnected();
        } catch (IOException e) {
            return DeliveryOutcome.Deferred.noReply("cannot connect to " + settings.route() + ": "
                    + SmtpFailures.describe(e), host).withSentFrom(new SendingIdentity(localAddress, settings.ehloName()));
        }
        SendingIdentity from = new SendingIdentity(Optional.of(session.localAddress()), settings.ehloName());
        try {
            Envelope envelope = new Envelope(message.envelopeFrom().asString(), List.of(message.recipient().asString()));
            TransactionResult result = session.transact(envelope, message.content());
            if (result.closing()) {
                closeQuietly();
            }
            return SmtpFailures.classify(result.perRecipient().getFirst(), host).withSentFrom(from);
        } catch (IOException e) {
            closeQuietly();
            return DeliveryOutcome.Deferred.noReply(SmtpFailures.describe(e), host).withSentFrom(from);
        }
    }

    private void ensureConnected() throws IOException {
        if (session != null) {
            return;
        }
        session = dialer.open();
        connects++;
        if (connects == 1) {
            log.info("connected to {}{}", settings.route(), session.capabilities().pipelining() ? " (PIPELINING)" : "");
        } else {
            log.debug("reconnected to {} (connection #{})", settings.route(), connects);
        }
    }

    /** How many times this connection has been (re)opened; one per server-side close. */
    public int connectCount() {
        return connects;
    }

    public SmtpRoute route() {
        return settings.route();
    }

    private void closeQuietly() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
