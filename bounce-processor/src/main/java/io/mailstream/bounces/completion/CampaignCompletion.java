package io.mailstream.bounces.completion;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.CampaignWriters;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes DONE for campaigns whose every message has a terminal outcome ({@link CompletionRule}),
 * judged on this instance's campaign-stats store, on a named thread every {@code interval}.
 *
 * <p>DONE is written with the same compare-and-set as the producer's state changes: in a
 * transaction under the campaign's own transactional id ({@link CampaignWriters}), whose
 * {@code initTransactions()} fences any writer of that campaign still in flight, after reading the
 * topic to its end again and re-judging. A launch, pause or cancel that starts after that fences
 * this write (it is then judged again next round); one committed before it is seen. So DONE never
 * overwrites CANCELLED and never reverts a newer launch's record.
 */
public final class CampaignCompletion implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(CampaignCompletion.class);

    private final KafkaConnection kafka;
    private final AvroSerde<Campaign> serde;
    private final Function<String, Optional<CampaignStats>> stats;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final CampaignLog log;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param stats   a campaign's counts on this instance (empty when another instance holds them)
     * @param timeout how long one read of {@code mail.campaigns} or one write may take
     */
    public CampaignCompletion(KafkaConnection kafka, String clientId, AvroSerde<Campaign> serde,
                              Function<String, Optional<CampaignStats>> stats, Duration interval, Duration timeout,
                              Clock clock) {
        this.kafka = kafka;
        this.serde = serde;
        this.stats = stats;
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(kafka.merge(p), new StringDeserializer(), new ByteArrayDeserializer());
        this.log = new CampaignLog(consumer, serde, timeout);
        this.thread = Thread.ofPlatform().name("campaign-completion").daemon().unstarted(this::loop);
    }

    public CampaignCompletion start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                round();
            } catch (CompletionException | KafkaException e) {
                LOG.warn("judging campaign completion failed, trying again in {}: {}", interval, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("judging campaign completion failed, trying again in {}", interval, e);
            }
            try {
                Thread.sleep(interval); // a period between rounds, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: every campaign this instance can judge complete gets DONE. Returns the ids marked. */
    List<String> round() {
        List<String> candidates = new ArrayList<>();
        log.catchUp().forEach((id, c) -> {
            if (CompletionRule.isComplete(c, finished(id))) {
                candidates.add(id);
            }
        });
        List<String> marked = new ArrayList<>();
        for (String id : candidates) {
            if (markDone(id)) {
                marked.add(id);
            }
        }
        return marked;
    }

    private long finished(String campaignId) {
        return stats.apply(campaignId).map(CampaignStats::finishedMessages).orElse(0L);
    }

    private boolean markDone(String campaignId) {
        try (Producer<String, byte[]> producer = writer(campaignId)) {
            try {
                producer.initTransactions(); // from here, a writer of this campaign that started earlier is fenced
                Campaign current = log.catchUp().get(campaignId);
                long finished = finished(campaignId);
                if (current == null || !CompletionRule.isComplete(current, finished)) {
                    return false;
                }
                Campaign done = Campaign.newBuilder(current).setState(CampaignState.DONE).setUpdatedAt(Instant.now(clock))
                        .setStateVersion(current.getStateVersion() + 1).build();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, campaignId, serde.serializer().serialize(Topics.CAMPAIGNS, done)))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                producer.commitTransaction();
                LOG.info("campaign {}: DONE ({} of {} messages have a terminal outcome; state version {})", campaignId,
                        finished, current.getExpectedMessages(), done.getStateVersion());
                return true;
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                LOG.info("campaign {} changed while being marked DONE; judged again next round", campaignId);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                if (e.getCause() instanceof ProducerFencedException || e.getCause() instanceof InvalidProducerEpochException) {
                    LOG.info("campaign {} changed while being marked DONE; judged again next round", campaignId);
                    return false;
                }
                LOG.warn("marking campaign {} DONE failed; trying again next round: {}", campaignId, e.toString());
                return false;
            }
        }
    }

    private Producer<String, byte[]> writer(String campaignId) {
        Properties p = new Properties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, CampaignWriters.transactionalId(campaignId));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mailstream-campaign-completion-" + campaignId);
        return new KafkaProducer<>(kafka.merge(p), new StringSerializer(), new ByteArraySerializer());
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
