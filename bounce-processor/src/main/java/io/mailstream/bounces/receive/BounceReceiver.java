package io.mailstream.bounces.receive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP server (RFC 5321) that receives bounces, feedback reports and auto-replies for the
 * bounce domain and hands each to a {@link RawBounceSink}. Owns its session threads
 * ({@code bounce-receiver-session-N}) and stops them on {@link #close()}. STARTTLS (RFC 3207) is
 * offered when {@link ReceiverConfig#tls()} gives a keystore, and can be required. Each client IP is
 * held to {@link ReceiverConfig#clientLimits()}: 421 at connect beyond its sessions, 451 at MAIL
 * FROM beyond its messages per window.
 */
public final class BounceReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BounceReceiver.class);

    private final SMTPServer server;
    private final ExecutorService sessions;

    private BounceReceiver(ReceiverConfig config, RawBounceSink sink, Clock clock, ReceiverObserver observer,
                           LongSupplier nanoTime) {
        RecipientPolicy policy = new RecipientPolicy(config.returnPaths(), config.feedbackAddresses());
        ClientLimiter limiter = new ClientLimiter(config.clientLimits(), clock);
        AtomicInteger sessionNo = new AtomicInteger();
        this.sessions = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bounce-receiver-session-" + sessionNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            SMTPServer.Builder builder = SMTPServer.port(config.port())
                    .bindAddress(InetAddress.getByName(config.bindAddress()))
                    .hostName(config.hostName())
                    .softwareName("mailstream bounce receiver")
                    .maxMessageSize(config.maxMessageBytes())
                    .maxConnections(config.maxConnections())
                    .executorService(sessions)
                    .serverThreadName("bounce-receiver-acceptor")
                    .sessionHandler(new ClientSessions(limiter, observer))
                    .messageHandlerFactory(ctx -> new BounceSession(policy, observer, sink, config.maxMessageBytes(),
                            describe(ctx.getRemoteAddress()), clock, limiter, new DataDeadline(config.dataTimeout(), nanoTime)));
            if (config.tls().isPresent()) {
                ReceiverTls tls = config.tls().get();
                builder.enableTLS().startTlsSocketFactory(tls.sslContext(), false).requireTLS(tls.required());
            }
            this.server = builder.build();
        } catch (UnknownHostException e) {
            sessions.shutdownNow();
            throw io.mailstream.bounces.topology.BounceConfigException.invalid("receiver.bindAddress",
                    "unknown host " + config.bindAddress());
        } catch (RuntimeException e) {
            sessions.shutdownNow(); // e.g. a keystore that cannot be loaded
            throw e;
        }
    }

    /** Starts listening; returns once connections are accepted. */
    public static BounceReceiver start(ReceiverConfig config, RawBounceSink sink, Clock clock) {
        return start(config, sink, clock, ReceiverObserver.NONE);
    }

    /** As {@link #start(ReceiverConfig, RawBounceSink, Clock)}, telling {@code observer} what is refused. */
    public static BounceReceiver start(ReceiverConfig config, RawBounceSink sink, Clock clock, ReceiverObserver observer) {
        return start(config, sink, clock, observer, System::nanoTime);
    }

    /** As the public {@code start}, measuring {@link ReceiverConfig#dataTimeout()} with {@code nanoTime} (tests move it). */
    static BounceReceiver start(ReceiverConfig config, RawBounceSink sink, Clock clock, ReceiverObserver observer,
                                LongSupplier nanoTime) {
        BounceReceiver receiver = new BounceReceiver(config, sink, clock, observer, nanoTime);
        receiver.server.start();
        LOG.info("Bounce receiver listening on {}:{} for signed bounces+*@{}{}{}", config.bindAddress(), receiver.port(),
                config.bounceDomain().asString(),
                config.tls().map(t -> t.required() ? ", STARTTLS required" : ", STARTTLS offered").orElse(""),
                config.feedbackAddresses().isEmpty() ? "" : " and " + config.feedbackAddresses().size() + " feedback address(es)");
        return receiver;
    }

    /** True between start and close. */
    public boolean isListening() {
        return server.isRunning();
    }

    public int port() {
        return server.getPortAllocated();
    }

    static String describe(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    @Override
    public void close() {
        server.stop();
        sessions.shutdownNow();
        try {
            if (!sessions.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Bounce receiver sessions did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Bounce receiver stopped");
    }
}
