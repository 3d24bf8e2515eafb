package io.mailstream.dispatcher.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An in-test SMTP server (SubEthaSMTP) whose replies depend on the recipient's local part:
 * {@code unknown} → 550 5.1.1, {@code later} → 451 4.3.0, {@code closing} → 421 4.3.2, anything
 * else is accepted. Records accepted messages and counts SMTP sessions.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    public record Received(MessageContext session, String envelopeFrom, List<String> recipients, String data) {
    }

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<MessageContext> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private volatile CountDownLatch rendezvous;

    public ScriptedSmtpServer() {
        this(SMTPServer.port(0));
    }

    /** Listens on {@code bindAddress} only, e.g. 127.0.0.1 so that 127.0.0.2 on the same port refuses connections. */
    public ScriptedSmtpServer(InetAddress bindAddress, int port) {
        this(SMTPServer.port(port).bindAddress(bindAddress));
    }

    private ScriptedSmtpServer(SMTPServer.Builder builder) {
        server = builder.hostName("scripted.test").messageHandlerFactory(this::handler).build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Distinct SMTP sessions (connections) that started at least one transaction. */
    public int sessions() {
        return sessions.size();
    }

    /**
     * Holds the first {@code transactions} DATA commands until that many are in progress at once
     * (at most 10 s), so a test can prove a client runs them on parallel connections: an SMTP
     * session is serial, so concurrent transactions mean concurrent sessions.
     */
    public void holdUntilConcurrent(int transactions) {
        rendezvous = new CountDownLatch(transactions);
    }

    /** The most SMTP transactions (MAIL FROM to end) that were in progress at the same time. */
    public int maxConcurrentTransactions() {
        return maxActive.get();
    }

    private MessageHandler handler(MessageContext ctx) {
        sessions.add(ctx);
        return new MessageHandler() {
            private String from;
            private final List<String> rcpts = new CopyOnWriteArrayList<>();
            private boolean counted;

            @Override
            public void from(String f) {
                from = f;
                counted = true;
                maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            }

            @Override
            public void recipient(String r) throws RejectException {
                String local = r.substring(0, r.indexOf('@'));
                switch (local) {
                    case "unknown" -> throw new RejectException(550, "5.1.1 <" + r + ">: Recipient address rejected: User unknown");
                    case "later" -> throw new RejectException(451, "4.3.0 Temporary failure, try again later");
                    case "closing" -> throw new RejectException(421, "4.3.2 Service shutting down, closing channel");
                    default -> rcpts.add(r);
                }
            }

            @Override
            public String data(InputStream in) throws IOException {
                CountDownLatch r = rendezvous;
                if (r != null && r.getCount() > 0) {
                    r.countDown();
                    try {
                        r.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                received.add(new Received(ctx, from, List.copyOf(rcpts), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                return null;
            }

            @Override
            public void done() {
                if (counted) {
                    active.decrementAndGet();
                    counted = false;
                }
            }
        };
    }

    @Override
    public void close() {
        server.stop();
    }
}
