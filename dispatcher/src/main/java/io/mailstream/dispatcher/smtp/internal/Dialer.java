package io.mailstream.dispatcher.smtp.internal;

import io.mailstream.dispatcher.smtp.SmtpCredentials;
import io.mailstream.dispatcher.tls.TlsPolicy;
import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.dispatcher.tls.report.TlsSessionResult;
import io.mailstream.dispatcher.tls.TlsSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link SmtpSession}s to one destination: TCP connect (from the sending address, within the
 * connect timeout, on sockets whose reads and writes a {@link StallGuard} times out), the greeting,
 * EHLO (HELO for servers without it), STARTTLS (RFC 3207) or implicit TLS (RFC 8314) as the TLS
 * policy says, EHLO again over TLS, then AUTH (RFC 4954) when credentials are configured.
 * Thread-safe: holds no connection.
 */
public final class Dialer {
    private static final Logger log = LoggerFactory.getLogger(Dialer.class);
    private static final int READY = 220;

    /**
     * @param tlsSockets how TLS is layered on a connection; empty only with {@link TlsPolicy#NONE}
     * @param serverName the name the server's certificate must carry (and the SNI)
     */
    public record Target(String host, int port, String ehloName, Duration connectTimeout, Optional<InetAddress> localAddress,
                         TlsSettings tls, Optional<SSLSocketFactory> tlsSockets, String serverName,
                         Optional<SmtpCredentials> auth, Duration transactionTimeout) {
        public Target {
            Objects.requireNonNull(transactionTimeout, "transactionTimeout");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(tlsSockets, "tlsSockets");
            if (tls.policy() != TlsPolicy.NONE && tlsSockets.isEmpty()) {
                throw new IllegalArgumentException("TLS policy " + tls.policy() + " needs a TLS socket factory");
            }
        }
    }

    private final Target target;
    private final SocketFactory sockets;

    /** @param sockets makes unconnected sockets, e.g. {@link StallGuard#socketFactory()} */
    public Dialer(Target target, SocketFactory sockets) {
        this.target = target;
        this.sockets = sockets;
    }

    /**
     * With {@link TlsPolicy#OPPORTUNISTIC}, a server that offers STARTTLS but fails the handshake (an
     * old cipher suite, a broken certificate chain, a middlebox) is dialled again at once and spoken
     * to in plain text, as Postfix does (its {@code smtp_tls_security_level=may}): RFC 7435 opportunistic
     * security prefers clear text to no delivery. Never with {@link TlsPolicy#REQUIRED}.
     */
    public SmtpSession open() throws IOException {
        try {
            return open(true);
        } catch (StartTlsFailed e) {
            log.info("STARTTLS with {} failed ({}); retrying in plain text, as opportunistic TLS allows", server(),
                    e.getCause().getMessage());
            return open(false);
        }
    }

    /** Thrown only where the policy allows a plain-text retry. */
    private static final class StartTlsFailed extends IOException {
        private static final long serialVersionUID = 1L;

        StartTlsFailed(IOException cause) {
            super(cause);
        }
    }

    private SmtpSession open(boolean tryTls) throws IOException {
        Socket socket = sockets.createSocket();
        // The whole set-up is bounded too: a greeting dripped a byte at a time is the oldest tarpit there is.
        SessionDeadline deadline = socket instanceof SessionDeadline d ? d : SessionDeadline.NONE;
        deadline.arm(target.transactionTimeout());
        SmtpWire wire = null;
        try {
            if (target.localAddress().isPresent()) {
                socket.bind(new InetSocketAddress(target.localAddress().get(), 0));
            }
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) target.connectTimeout().toMillis());
            // Pipelined groups are flushed whole; Nagle's algorithm would only hold back the lockstep commands.
            socket.setTcpNoDelay(true);
            wire = new SmtpWire(socket);
            if (target.tls().implicit()) {
                wire.startTls(target.tlsSockets().orElseThrow(), target.serverName(), target.port());
            }
            Reply greeting = wire.read();
            if (greeting.code() != READY) {
                throw SmtpSetupException.refused("greeting", greeting);
            }
            Capabilities caps = hello(wire);
            if (!target.tls().implicit() && target.tls().policy() != TlsPolicy.NONE && tryTls) {
                caps = startTls(wire, caps);
            }
            if (target.auth().isPresent()) {
                SaslAuth.authenticate(wire, caps, target.auth().get(), server());
            }
            deadline.disarm();
            return new SmtpSession(wire, caps, deadline, target.transactionTimeout());
        } catch (IOException | RuntimeException e) {
            if (wire != null) {
                wire.close();
            } else {
                socket.close();
            }
            throw e;
        }
    }

    private Capabilities startTls(SmtpWire wire, Capabilities caps) throws IOException {
        boolean required = target.tls().policy() == TlsPolicy.REQUIRED;
        if (!caps.startTls()) {
            reportNoStartTls(wire);
            if (required) {
                throw SmtpSetupException.startTlsNotOffered(server());
            }
            return caps;
        }
        Reply r = wire.command("STARTTLS");
        if (r.code() != READY) {
            reportNoStartTls(wire);
            if (required) {
                throw SmtpSetupException.refused("STARTTLS", r);
            }
            return caps; // opportunistic: plain text it is
        }
        try {
            wire.startTls(target.tlsSockets().orElseThrow(), target.serverName(), target.port());
        } catch (SocketTimeoutException e) {
            throw e; // a stalled or dripping server gets no second connection
        } catch (IOException e) {
            if (required) {
                throw SmtpSetupException.tlsHandshakeFailed(server(), e);
            }
            throw new StartTlsFailed(e);
        }
        // RFC 3207 §4.2: forget what was learnt before TLS and ask again.
        return hello(wire);
    }

    // RFC 8460 §4.3.1: an MX of a domain whose sessions are reported (MTA-STS) that offers or grants no STARTTLS
    private void reportNoStartTls(SmtpWire wire) {
        target.tls().reporting().ifPresent(r -> r.sink().record(new TlsSessionResult(r.policyDomain(), r.policy(),
                Optional.of(target.serverName()), wire.remoteAddress(), Optional.of(TlsResultType.STARTTLS_NOT_SUPPORTED))));
    }

    private Capabilities hello(SmtpWire wire) throws IOException {
        Reply ehlo = wire.command("EHLO " + target.ehloName());
        if (ehlo.isPositiveCompletion()) {
            return Capabilities.fromEhlo(ehlo);
        }
        if (ehlo.code() / 100 != 5) {
            throw SmtpSetupException.refused("EHLO", ehlo);
        }
        Reply helo = wire.command("HELO " + target.ehloName());
        if (!helo.isPositiveCompletion()) {
            throw SmtpSetupException.refused("HELO", helo);
        }
        return Capabilities.none();
    }

    private String server() {
        return target.host() + ":" + target.port();
    }
}
