package io.mailstream.bounces.guard;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.GuardHold;
import io.mailstream.bounces.completion.CampaignLog;
import io.mailstream.bounces.completion.CampaignStateWriter;
import io.mailstream.bounces.completion.CompletionException;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.serde.AvroSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the guard's decisions ({@link GuardProcessor}, read from this instance's decision store)
 * to the campaign records, on a named thread every {@code interval}: a {@link GuardHold} under the
 * provider in {@code Campaign.guardHolds}, which dispatchers honour, and with the campaign scope the
 * state PAUSED. Written with the campaign writers' compare-and-set ({@link CampaignStateWriter}).
 *
 * <p>A decision is applied once: a campaign that has a hold for the provider (held, or resumed by an
 * operator, who then took over) is left alone, so a replay of the decisions changes nothing. A
 * decision about a campaign that is CANCELLED or DONE, or not known, changes nothing either.
 */
public final class GuardBrakes implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(GuardBrakes.class);

    private final Supplier<List<GuardVerdict>> decisions;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CampaignLog log;
    private final CampaignStateWriter writer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param decisions the decisions this instance's store holds (empty while it is not queryable)
     * @param timeout   how long one read of {@code mail.campaigns} or one write may take
     */
    public GuardBrakes(KafkaConnection kafka, String clientId, AvroSerde<Campaign> serde, Supplier<List<GuardVerdict>> decisions,
                       Duration interval, Duration timeout, Clock clock) {
        this.decisions = decisions;
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(kafka.merge(p), new StringDeserializer(), new ByteArrayDeserializer());
        this.log = new CampaignLog(consumer, serde, timeout);
        this.writer = new CampaignStateWriter(kafka, serde, log, timeout, "mailstream-guard-");
        this.thread = Thread.ofPlatform().name("campaign-guard-brakes").daemon().unstarted(this::loop);
    }

    public GuardBrakes start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                round();
            } catch (CompletionException | KafkaException e) {
                LOG.warn("applying guard decisions failed, trying again in {}: {}", interval, e.getMessage());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("applying guard decisions failed, trying again in {}", interval, e);
            }
            try {
                Thread.sleep(interval); // a period between rounds, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: every decision not applied yet is applied. Returns the keys of the decisions applied. */
    List<String> round() throws InterruptedException {
        List<GuardVerdict> pending = new ArrayList<>();
        Map<String, Campaign> campaigns = null;
        for (GuardVerdict v : decisions.get()) {
            if (campaigns == null) {
                campaigns = log.catchUp();
            }
            if (brake(campaigns.get(v.campaignId()), v, clock.instant()).isPresent()) {
                pending.add(v);
            }
        }
        List<String> applied = new ArrayList<>();
        for (GuardVerdict v : pending) {
            if (writer.write(v.campaignId(), current -> brake(current, v, clock.instant())) == CampaignStateWriter.Result.WRITTEN) {
                LOG.warn("campaign {}: braked at {} by the guard ({} {} reached {}: {} of {}){}", v.campaignId(), v.provider(),
                        v.rule(), v.rate(), v.line(), v.count(), v.base(), v.wholeCampaign() ? "; the whole campaign is PAUSED" : "");
                applied.add(v.key());
            }
        }
        return applied;
    }

    /** The campaign record with the brake of {@code v}, or empty when it has nothing to change (see the class comment). */
    static Optional<Campaign> brake(Campaign current, GuardVerdict v, Instant now) {
        if (current == null || current.getState() == CampaignState.CANCELLED || current.getState() == CampaignState.DONE) {
            return Optional.empty();
        }
        Map<String, GuardHold> holds = current.getGuardHolds() == null ? new HashMap<>() : new HashMap<>(current.getGuardHolds());
        if (holds.containsKey(v.provider())) {
            return Optional.empty();
        }
        holds.put(v.provider(), v.toHold());
        Campaign.Builder next = Campaign.newBuilder(current).setGuardHolds(holds).setUpdatedAt(now);
        if (v.wholeCampaign()) {
            next.setState(CampaignState.PAUSED);
        }
        return Optional.of(next.build());
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
