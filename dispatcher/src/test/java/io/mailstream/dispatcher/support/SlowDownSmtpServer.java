package io.mailstream.dispatcher.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An in-test SMTP server (SubEthaSMTP) that behaves like a provider enforcing a rate limit: it
 * accepts {@code acceptBetweenSlowDowns} recipients, then answers the next one with
 * {@code 421 4.7.0 Try again later} (and so on); {@code 0} means it never slows down. Counts what it
 * accepted and how often it said 421.
 */
public final class SlowDownSmtpServer implements AutoCloseable {
    private final SMTPServer server;
    private final int acceptBetweenSlowDowns;
    private final AtomicInteger recipients = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger slowDowns = new AtomicInteger();

    public SlowDownSmtpServer(int acceptBetweenSlowDowns) {
        this.acceptBetweenSlowDowns = acceptBetweenSlowDowns;
        this.server = SMTPServer.port(0).hostName("slowdown.test").messageHandlerFactory(this::handler).build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    public int accepted() {
        return accepted.get();
    }

    public int slowDowns() {
        return slowDowns.get();
    }

    private MessageHandler handler(MessageContext ctx) {
        return new MessageHandler() {
            @Override
            public void from(String from) {
            }

            @Override
            public void recipient(String recipient) throws RejectException {
                int n = recipients.incrementAndGet();
                if (acceptBetweenSlowDowns > 0 && n % (acceptBetweenSlowDowns + 1) == 0) {
                    slowDowns.incrementAndGet();
                    throw new RejectException(421, "4.7.0 Try again later, closing connection");
                }
            }

            @Override
            public String data(InputStream in) throws IOException {
                in.readAllBytes();
                accepted.incrementAndGet();
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
