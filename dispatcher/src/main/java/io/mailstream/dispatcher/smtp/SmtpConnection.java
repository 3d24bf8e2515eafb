package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.render.StreamProviderPin;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session (RFC 5321 §3) over which many messages are sent, one transaction each:
 * connecting per message costs a TCP and EHLO round trip every time and is what large receivers
 * throttle first. The connection is opened on first use and reopened when the server has dropped
 * it (a 421 reply, RFC 5321 §3.8, or an idle timeout). Each message carries its own envelope
 * sender (the VERP address). Not thread-safe.
 */
public final class SmtpConnection implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    static {
        StreamProviderPin.ensure();
    }

    private final SmtpSettings settings;
    private final SmtpSecurity security;
    private final Session session;
    private final WireMimeMessage wire;
    private SMTPTransport transport;
    private int connects;

    public SmtpConnection(SmtpSettings settings) {
        this(settings, SmtpSecurity.plain(settings.route()));
    }

    /** A connection with STARTTLS / implicit TLS and SMTP AUTH as {@code security} says. */
    public SmtpConnection(SmtpSettings settings, SmtpSecurity security) {
        this(settings, security, Optional.empty());
    }

    /**
     * As {@link #SmtpConnection(SmtpSettings, SmtpSecurity)}, bound to {@code localAddress}
     * ({@code mail.smtp.localaddress}): the sending IP receivers see and judge.
     */
    public SmtpConnection(SmtpSettings settings, SmtpSecurity security, Optional<InetAddress> localAddress) {
        // Its own sessions: their stall guard's thread ends by itself once this connection's socket is closed.
        this(settings, security, localAddress, new SmtpSessions());
    }

    /** As above, with the session (and stall guard) shared with the other connections of {@code sessions}. */
    public SmtpConnection(SmtpSettings settings, SmtpSecurity security, Optional<InetAddress> localAddress,
                          SmtpSessions sessions) {
        this.settings = settings;
        this.security = security;
        this.session = sessions.sessionFor(settings, security, localAddress);
        this.wire = new WireMimeMessage(session);
    }

    @Override
    public DeliveryOutcome send(RenderedMessage message) {
        boolean reused = transport != null;
        DeliveryOutcome outcome = attempt(message);
        if (reused && outcome instanceof DeliveryOutcome.Deferred d && d.smtpReply().isEmpty()) {
            // A pooled connection the server closed while idle fails on first use; that says nothing about the message.
            log.debug("reused connection to {} failed ({}); retrying once on a new connection", settings.route(), d.reason());
            outcome = attempt(message);
        }
        return outcome;
    }

    private DeliveryOutcome attempt(RenderedMessage message) {
        String host = settings.route().host();
        try {
            ensureConnected();
        } catch (MessagingException e) {
            closeQuietly();
            return DeliveryOutcome.Deferred.noReply("cannot connect to " + settings.route() + ": "
                    + SmtpFailures.describe(e), host);
        }
        try {
            Address[] rcpt = {recipient(message)};
            transport.sendMessage(wire.carry(message.content(), message.envelopeFrom().asString()), rcpt);
            return new DeliveryOutcome.Delivered(
                    SmtpReply.of(transport.getLastReturnCode(), transport.getLastServerResponse()), host);
        } catch (MessagingException e) {
            DeliveryOutcome outcome = SmtpFailures.classify(e, host);
            if (SmtpFailures.isConnectionFailure(e) || isClosing(outcome) || !transport.isConnected()) {
                closeQuietly();
            }
            return outcome;
        }
    }

    // The recipient has passed RFC 5321 syntax (EmailAddress): set as is, not parsed again by Jakarta Mail.
    private static InternetAddress recipient(RenderedMessage message) {
        InternetAddress rcpt = new InternetAddress();
        rcpt.setAddress(message.recipient().asString());
        return rcpt;
    }

    // RFC 5321 §3.8: 421 means the server is closing the channel.
    private static boolean isClosing(DeliveryOutcome outcome) {
        return outcome.reply().map(r -> r.code() == 421).orElse(false);
    }

    private void ensureConnected() throws MessagingException {
        if (transport != null) {
            return;
        }
        SMTPTransport t;
        try {
            t = (SMTPTransport) session.getTransport("smtp");
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("angus-mail's smtp provider is missing from the class path", e);
        }
        t.connect(settings.route().host(), settings.route().port(),
                security.auth().map(SmtpCredentials::username).orElse(null),
                security.auth().map(SmtpCredentials::password).orElse(null));
        transport = t;
        connects++;
        if (connects == 1) {
            log.info("connected to {}", settings.route());
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
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("closing connection to {} failed: {}", settings.route(), e.toString());
        }
        transport = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
