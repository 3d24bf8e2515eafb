package io.mailstream.dispatcher.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An in-test SMTP server (SubEthaSMTP) on 127.0.0.1 that speaks TLS: either STARTTLS (RFC 3207)
 * and refuses mail before it, optionally also requiring AUTH (RFC 4954), or implicit TLS from the
 * first byte (RFC 8314). Records what it accepted and whether the session had authenticated.
 */
public final class TlsSmtpServer implements AutoCloseable {
    public record Received(String envelopeFrom, List<String> recipients, boolean authenticated, String data) {
    }

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private TlsSmtpServer(SMTPServer.Builder builder) {
        server = builder.hostName("tls.test").messageHandlerFactory(this::handler).build();
        server.start();
    }

    /** STARTTLS required before MAIL FROM. */
    public static TlsSmtpServer starttls(SSLContext tls) {
        return new TlsSmtpServer(base().enableTLS().requireTLS().startTlsSocketFactory(tls));
    }

    /** STARTTLS and AUTH required; only {@code user}/{@code password} logs in. */
    public static TlsSmtpServer starttlsWithAuth(SSLContext tls, String user, String password) {
        return new TlsSmtpServer(base().enableTLS().requireTLS().startTlsSocketFactory(tls).requireAuth()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, p, ctx) -> {
                    if (!user.equals(u) || !password.equals(p)) {
                        throw new LoginFailedException("bad credentials");
                    }
                })));
    }

    /** No STARTTLS offered: plain SMTP only. */
    public static TlsSmtpServer plain() {
        return new TlsSmtpServer(base());
    }

    /** TLS from the first byte, as on port 465. */
    public static TlsSmtpServer implicit(SSLContext tls) {
        return new TlsSmtpServer(base().serverSocketFactory(tls));
    }

    private static SMTPServer.Builder base() {
        return SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress());
    }

    public int port() {
        return server.getPortAllocated();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private MessageHandler handler(MessageContext ctx) {
        return new MessageHandler() {
            private String from;
            private final List<String> rcpts = new CopyOnWriteArrayList<>();

            @Override
            public void from(String f) {
                from = f;
            }

            @Override
            public void recipient(String r) {
                rcpts.add(r);
            }

            @Override
            public String data(InputStream in) throws IOException {
                received.add(new Received(from, List.copyOf(rcpts), ctx.getAuthenticationHandler().isPresent(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    @Override
    public void close() {
        server.stop();
    }
}
