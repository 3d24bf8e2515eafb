package io.mailstream.embedded.smtp;

import io.mailstream.embedded.smtp.internal.SinkLedger;
import io.mailstream.embedded.smtp.internal.SinkSession;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server (SubEthaSMTP) that accepts mail and counts it, for the local stack and tests:
 * the far end of the dispatcher. Optionally keeps every message, and can be scripted per recipient
 * domain with {@link SinkRule}s to refuse or defer recipients.
 */
public final class SmtpSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSink.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SMTPServer server;
    private final ExecutorService sessions;
    private final SinkLedger ledger;
    private final List<SinkRule> rules;
    private final String host;

    private SmtpSink(SmtpSinkConfig config, SinkTransaction.Listener transactions) {
        this.ledger = new SinkLedger(config.keepMessages(), config.maxKeptMessages());
        this.rules = new CopyOnWriteArrayList<>(config.rules());
        this.host = config.hostName();
        int instance = INSTANCES.incrementAndGet();
        // One virtual thread per session: a sink that answers slowly holds thousands of them.
        this.sessions = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("smtp-sink-" + instance + "-session-", 1).factory());
        SinkLatency latency = config.latency();
        this.server = SMTPServer.port(config.port())
                .bindAddress(config.bindAddress())
                .hostName(config.hostName())
                .softwareName("mailstream smtp sink")
                .executorService(sessions)
                .serverThreadName("smtp-sink-" + instance + "-acceptor")
                .maxConnections(config.maxConnections())
                // A dispatcher may open thousands of connections at once; the default backlog (50) drops some of them.
                .backlog(Math.min(config.maxConnections(), 4096))
                // A Received trace field costs a copy of every message; only kept messages are ever read.
                .insertReceivedHeaders(config.keepMessages())
                .messageHandlerFactory(ctx -> new SinkSession(ledger, () -> rules, Clock.systemUTC(), latency,
                        () -> ctx.getHelo().orElse(""), String.valueOf(ctx.getRemoteAddress()), transactions))
                .build();
    }

    /** Starts a sink and returns once it accepts connections. */
    public static SmtpSink start(SmtpSinkConfig config) {
        return start(config, SinkTransaction.Listener.NONE);
    }

    /** As {@link #start(SmtpSinkConfig)}, telling {@code transactions} every mail transaction when it ends. */
    public static SmtpSink start(SmtpSinkConfig config, SinkTransaction.Listener transactions) {
        SmtpSink sink = new SmtpSink(config, transactions);
        sink.server.start();
        LOG.info("SMTP sink listening on {}:{}", sink.host(), sink.port());
        return sink;
    }

    public static SmtpSink start() {
        return start(SmtpSinkConfig.defaults());
    }

    public String host() {
        return host;
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** Messages accepted (after DATA) since start or the last {@link #reset()}. */
    public long count() {
        return ledger.total();
    }

    /** Mail transactions open right now: from MAIL FROM to the reply to the end of DATA (or RSET, or a drop). */
    public int transactionsInFlight() {
        return ledger.inFlight();
    }

    /** Messages accepted for this recipient. */
    public long count(EmailAddress recipient) {
        return ledger.count(recipient);
    }

    /** Messages accepted per recipient so far (a copy); a count above 1 is a duplicate delivery. */
    public java.util.Map<EmailAddress, Long> countsByRecipient() {
        return ledger.countsByRecipient();
    }

    /** Kept messages, oldest first; empty unless the sink keeps messages. */
    public List<ReceivedMessage> received() {
        return ledger.kept();
    }

    /**
     * Waits until at least {@code n} messages were accepted.
     *
     * @return false if the timeout passed first
     */
    public boolean awaitCount(long n, Duration timeout) {
        try {
            return ledger.awaitTotal(n, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Adds a scripted reply; applies to transactions that start after the call. */
    public void addRule(SinkRule rule) {
        rules.add(rule);
    }

    public void clearRules() {
        rules.clear();
    }

    public List<SinkRule> rules() {
        return List.copyOf(rules);
    }

    /** Forgets counts and kept messages (rules stay). */
    public void reset() {
        ledger.reset();
    }

    @Override
    public void close() {
        server.stop();
        sessions.shutdownNow();
        try {
            if (!sessions.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("SMTP sink sessions did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("SMTP sink on port {} stopped after {} messages", port(), count());
    }
}
