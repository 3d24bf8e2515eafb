package io.mailstream.bounces.completion;

import io.mailstream.avro.Campaign;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named thread that, every {@code interval}, runs one round of campaign state changes decided by
 * the bounce processor (DONE by {@link CampaignCompletion}, the guard's brakes): it owns the
 * read-committed reader of {@code mail.campaigns} ({@link CampaignLog}) and the compare-and-set
 * writer ({@link CampaignStateWriter}) a round uses, and keeps going after a failed round.
 */
public final class PeriodicCampaignWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicCampaignWriter.class);

    /** One round; its failures are logged and the next round runs after the interval. */
    @FunctionalInterface
    public interface Round {
        void run() throws InterruptedException;
    }

    private final String what;
    private final Duration interval;
    private final Duration timeout;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CampaignLog log;
    private final CampaignStateWriter writer;
    private final Thread thread;
    private Round round = () -> { };
    private volatile boolean running = true;

    /**
     * @param what                  what a round does, for the log ("judging campaign completion")
     * @param transactionalIdPrefix the writer's transactional ids' prefix (its ACLs allow it)
     * @param timeout               how long one read of {@code mail.campaigns} or one write may take
     */
    public PeriodicCampaignWriter(KafkaConnection kafka, String clientId, AvroSerde<Campaign> serde, String transactionalIdPrefix,
                                  String threadName, String what, Duration interval, Duration timeout) {
        this.what = what;
        this.interval = interval;
        this.timeout = timeout;
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(kafka.merge(p), new StringDeserializer(), new ByteArrayDeserializer());
        this.log = new CampaignLog(consumer, serde, timeout);
        this.writer = new CampaignStateWriter(kafka, serde, log, timeout, transactionalIdPrefix);
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::loop);
    }

    public CampaignLog log() {
        return log;
    }

    public CampaignStateWriter writer() {
        return writer;
    }

    /** Starts running {@code round} every interval. */
    public void start(Round round) {
        this.round = round;
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                round.run();
            } catch (CompletionException | KafkaException e) {
                LOG.warn("{} failed, trying again in {}: {}", what, interval, e.getMessage());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("{} failed, trying again in {}", what, interval, e);
            }
            try {
                Thread.sleep(interval); // a period between rounds, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.wakeup();
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
