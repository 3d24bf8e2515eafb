package io.mailstream.dispatcher.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An in-test SMTP server (SubEthaSMTP) that keeps the transactions of some recipients open: the reply
 * to the end of DATA for a recipient whose local part starts with {@code heldPrefix} waits until
 * {@link #release()} (or 60 s, then 451), as a slow receiver holds a campaign's connections; every
 * other message is accepted at once. Counts the transactions held now and the recipients accepted.
 */
public final class HoldingSmtpServer implements AutoCloseable {
    private final SMTPServer server;
    private final String heldPrefix;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    public HoldingSmtpServer(String heldPrefix) {
        this.heldPrefix = heldPrefix;
        this.server = SMTPServer.port(0).hostName("holding.test").messageHandlerFactory(this::handler).build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** Transactions waiting for their reply to DATA now. */
    public int held() {
        return held.get();
    }

    /** Recipients of the messages accepted so far. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** Answers every held transaction, and all later ones at once. */
    public void release() {
        released.countDown();
    }

    private MessageHandler handler(MessageContext ctx) {
        return new MessageHandler() {
            private final List<String> recipients = new CopyOnWriteArrayList<>();

            @Override
            public void from(String from) {
            }

            @Override
            public void recipient(String recipient) {
                recipients.add(recipient);
            }

            @Override
            public String data(InputStream in) throws IOException, RejectException {
                in.readAllBytes();
                if (recipients.stream().anyMatch(r -> r.startsWith(heldPrefix))) {
                    held.incrementAndGet();
                    try {
                        if (!released.await(60, TimeUnit.SECONDS)) {
                            throw new RejectException(451, "4.3.0 held too long by the test");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectException(451, "4.3.0 interrupted");
                    } finally {
                        held.decrementAndGet();
                    }
                }
                accepted.addAll(recipients);
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    @Override
    public void close() {
        release();
        server.stop();
    }
}
