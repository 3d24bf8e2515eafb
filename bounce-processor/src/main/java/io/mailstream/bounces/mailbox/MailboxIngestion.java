package io.mailstream.bounces.mailbox;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link MailboxPoller#pollOnce} every {@link MailboxConfig#pollInterval} on its own named
 * thread until closed. A mailbox or Kafka that does not answer is tried again at the next interval;
 * the state change is logged once, not on every poll.
 */
public final class MailboxIngestion implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxIngestion.class);

    private final MailboxPoller poller;
    private final MailboxConfig config;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean failing;

    private MailboxIngestion(MailboxPoller poller, MailboxConfig config) {
        this.poller = poller;
        this.config = config;
        this.thread = Thread.ofPlatform().name("mailbox-" + config.protocol().label()).daemon(false).unstarted(this::run);
    }

    public static MailboxIngestion start(MailboxPoller poller, MailboxConfig config) {
        MailboxIngestion ingestion = new MailboxIngestion(poller, config);
        ingestion.thread.start();
        return ingestion;
    }

    private void run() {
        do {
            try {
                PollResult result = poller.pollOnce();
                healthy(!result.kafkaFailed(), "Kafka did not acknowledge");
            } catch (MailboxException e) {
                healthy(false, e.getMessage());
            } catch (RuntimeException e) {
                // a bug must not end the ingestion silently; the next poll starts from the mailbox again
                LOG.error("Poll of {} failed", config.source(), e);
            }
        } while (!await());
    }

    private void healthy(boolean ok, String why) {
        if (ok && failing) {
            LOG.info("Polling {} works again", config.source());
        } else if (!ok && !failing) {
            LOG.warn("Polling {} fails, retrying every {}: {}", config.source(), config.pollInterval(), why);
        }
        failing = !ok;
    }

    /** Waits for the next poll; true once closed. */
    private boolean await() {
        try {
            return stop.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Lets the running poll finish (its acknowledged messages get their mailbox update), then stops. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(config.timeout().plus(config.ackTimeout()).toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
