package io.mailstream.console.state;

import io.mailstream.avro.AdaptiveState;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.GuardDecision;
import io.mailstream.avro.RawBounce;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.avro.WarmupCounter;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topics the console shows from their beginning and keeps following them into a
 * {@link PipelineState}: {@code mail.campaigns}, {@code mail.delivery-events}, {@code mail.bounces.raw}
 * (complaints and DSNs after a relay, decoded as {@code campaign status} does), {@code mail.suppressions}
 * (unsubscribes per list), {@code mail.throttle-state}, {@code mail.warmup-counters}, {@code mail.engagement}
 * (clicks and opens) and {@code mail.guard-decisions}. No consumer group: the console commits
 * nothing and changes no one's assignment; every console reads everything.
 */
public final class TopicFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final List<String> TOPICS = List.of(Topics.CAMPAIGNS, Topics.DELIVERY_EVENTS, Topics.BOUNCES_RAW,
            Topics.SUPPRESSIONS, Topics.THROTTLE_STATE, Topics.WARMUP_COUNTERS, Topics.ENGAGEMENT, Topics.GUARD_DECISIONS);

    private final KafkaConsumer<String, byte[]> consumer;
    private final PipelineState state;
    private final AvroSerde<Campaign> campaigns;
    private final AvroSerde<DeliveryEvent> events;
    private final AvroSerde<RawBounce> bounces;
    private final AvroSerde<Suppression> suppressions;
    private final AvroSerde<AdaptiveState> throttle;
    private final AvroSerde<WarmupCounter> warmup;
    private final AvroSerde<EngagementEvent> engagement;
    private final AvroSerde<GuardDecision> guard;
    /** address|list of every unsubscribe counted: a rewritten suppression record must not count twice. */
    private final Set<String> countedUnsubscribes = new HashSet<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private TopicFollower(KafkaConsumer<String, byte[]> consumer, PipelineState state, SchemaRegistry registry) {
        this.consumer = consumer;
        this.state = state;
        this.campaigns = AvroSerde.forValue(Campaign.class, registry);
        this.events = AvroSerde.forValue(DeliveryEvent.class, registry);
        this.bounces = AvroSerde.forValue(RawBounce.class, registry);
        this.suppressions = AvroSerde.forValue(Suppression.class, registry);
        this.throttle = AvroSerde.forValue(AdaptiveState.class, registry);
        this.warmup = AvroSerde.forValue(WarmupCounter.class, registry);
        this.engagement = AvroSerde.forValue(EngagementEvent.class, registry);
        this.guard = AvroSerde.forValue(GuardDecision.class, registry);
        this.thread = Thread.ofPlatform().name("mailstream-console-follower").daemon().unstarted(this::run);
    }

    /** Assigns every partition of the followed topics from the beginning and starts the reading thread. */
    public static TopicFollower start(KafkaConnection kafka, SchemaRegistry registry, PipelineState state) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailstream-console");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.merge(p), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        TopicFollower follower = new TopicFollower(consumer, state, registry);
        follower.thread.start();
        return follower;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        apply(r);
                    } catch (CorruptRecordException e) {
                        // the services dead-letter or count these; the console shows what it can read
                        LOG.debug("skipping an unreadable record: {}", e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("the console stopped following the topics; its pages show what was read until now", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        switch (r.topic()) {
            case Topics.CAMPAIGNS -> state.acceptCampaign(r.key(), r.value() == null ? null : campaigns.decode(r));
            case Topics.DELIVERY_EVENTS -> {
                if (r.value() != null) {
                    state.acceptEvent(events.decode(r));
                }
            }
            case Topics.THROTTLE_STATE -> state.acceptThrottle(r.key(), r.value() == null ? null : throttle.decode(r));
            case Topics.WARMUP_COUNTERS -> state.acceptWarmup(r.key(), r.value() == null ? null : warmup.decode(r));
            case Topics.GUARD_DECISIONS -> state.acceptGuardDecision(r.key(), r.value() == null ? null : guard.decode(r));
            case Topics.ENGAGEMENT -> {
                if (r.value() != null) {
                    state.acceptEngagement(engagement.decode(r));
                }
            }
            case Topics.SUPPRESSIONS -> {
                if (r.value() != null) {
                    unsubscribes(suppressions.decode(r));
                }
            }
            case Topics.BOUNCES_RAW -> {
                if (r.value() != null) {
                    bounce(bounces.decode(r));
                }
            }
            default -> throw new IllegalStateException("not a followed topic: " + r.topic());
        }
    }

    private void unsubscribes(Suppression s) {
        for (SuppressionPart part : s.getParts()) {
            if (part.getSource() == SuppressionSource.UNSUBSCRIBE && part.getScope() != null
                    && countedUnsubscribes.add(s.getAddress() + "|" + part.getScope())) {
                state.acceptUnsubscribe(part.getScope());
            }
        }
    }

    private void bounce(RawBounce b) {
        for (BounceNotice notice : state.bounceDecoder().decode(b)) {
            switch (notice) {
                case BounceNotice.Complaint c -> state.acceptComplaint(c.messageId());
                case BounceNotice.Bounce x -> state.acceptReceivedBounce(x.messageId(), x.recipient(), x.reason());
                case BounceNotice.Delay d -> state.acceptReceivedDelay(d.messageId());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("the console's topic follower did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
