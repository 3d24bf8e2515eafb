package io.mailstream.bounces.completion;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.serde.AvroSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes DONE for campaigns whose every message has a terminal outcome ({@link CompletionRule}),
 * judged on this instance's campaign-stats store, on a named thread every {@code interval}.
 *
 * <p>DONE is written with the same compare-and-set as the producer's state changes
 * ({@link CampaignStateWriter}): in a transaction under the campaign's own transactional id, whose
 * {@code initTransactions()} fences any writer of that campaign still in flight, after reading the
 * topic to its end again and re-judging. A launch, pause or cancel that starts after that fences
 * this write (it is then judged again next round); one committed before it is seen. So DONE never
 * overwrites CANCELLED and never reverts a newer launch's record.
 */
public final class CampaignCompletion implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(CampaignCompletion.class);

    private final Function<String, Optional<CampaignStats>> stats;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final CampaignLog log;
    private final CampaignStateWriter writer;
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
        this.writer = new CampaignStateWriter(kafka, serde, log, timeout, "mailstream-campaign-completion-");
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
        try {
            CampaignStateWriter.Result result = writer.write(campaignId, current -> {
                long finished = finished(campaignId);
                if (!CompletionRule.isComplete(current, finished)) {
                    return Optional.empty();
                }
                LOG.info("campaign {}: DONE ({} of {} messages have a terminal outcome)", campaignId, finished,
                        current.getExpectedMessages());
                return Optional.of(Campaign.newBuilder(current).setState(CampaignState.DONE).setUpdatedAt(Instant.now(clock)).build());
            });
            if (result == CampaignStateWriter.Result.FENCED) {
                LOG.info("campaign {} changed while being marked DONE; judged again next round", campaignId);
            }
            return result == CampaignStateWriter.Result.WRITTEN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (CompletionException e) {
            LOG.warn("marking campaign {} DONE failed; trying again next round: {}", campaignId, e.getMessage());
            return false;
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
