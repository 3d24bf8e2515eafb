package io.mailstream.producer.launch;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.schemas.MailstreamException;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses, resumes and cancels campaigns: reads the latest {@code Campaign} record for an id from the
 * compacted {@code mail.campaigns} topic (to its end, so the answer is current) and republishes it
 * with the new state and {@code updatedAt}. Dispatchers follow the topic and act on the state.
 * CANCELLED and DONE are final.
 */
public final class CampaignStateChanger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignStateChanger.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Set<CampaignState> FINAL = EnumSet.of(CampaignState.CANCELLED, CampaignState.DONE);

    private final Producer<String, byte[]> producer;
    private final Consumer<String, byte[]> consumer;
    private final boolean ownsClients;
    private final AvroSerde<Campaign> serde;
    private final ClusterConfig cluster;
    private final Clock clock;

    private CampaignStateChanger(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer, boolean ownsClients,
                                 SchemaRegistry registry, ClusterConfig cluster, Clock clock) {
        this.producer = producer;
        this.consumer = consumer;
        this.ownsClients = ownsClients;
        this.serde = AvroSerde.forValue(Campaign.class, registry);
        this.cluster = cluster;
        this.clock = clock;
    }

    public static CampaignStateChanger connect(ClusterConfig cluster, Clock clock) {
        SchemaRegistry registry = cluster.registry().connect();
        Producer<String, byte[]> producer = KafkaClients.producer(cluster, "mailstream-campaign-state");
        Consumer<String, byte[]> consumer = KafkaClients.consumer(cluster, "mailstream-campaign-state");
        return new CampaignStateChanger(producer, consumer, true, registry, cluster, clock);
    }

    /** Over clients the caller owns, e.g. Kafka's MockProducer and MockConsumer. */
    public static CampaignStateChanger using(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer,
                                             SchemaRegistry registry, ClusterConfig cluster, Clock clock) {
        return new CampaignStateChanger(producer, consumer, false, registry, cluster, clock);
    }

    public StateChange pause(String campaignId) {
        return change(campaignId, CampaignState.PAUSED);
    }

    public StateChange resume(String campaignId) {
        return change(campaignId, CampaignState.SENDING);
    }

    public StateChange cancel(String campaignId) {
        return change(campaignId, CampaignState.CANCELLED);
    }

    /**
     * Moves {@code campaignId} to {@code target}.
     *
     * @throws CampaignNotFoundException   if the topic has no live record for the id
     * @throws InvalidStateChangeException if the campaign is in a final state
     * @throws StateChangeException        if Kafka or the registry cannot be reached in time
     */
    public StateChange change(String campaignId, CampaignState target) {
        Campaign current = latest(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
        CampaignState from = current.getState();
        if (from == target) {
            return new StateChange(campaignId, from, target, false);
        }
        if (FINAL.contains(from)) {
            throw new InvalidStateChangeException(campaignId, from, target);
        }
        Campaign next = Campaign.newBuilder(current).setState(target).setUpdatedAt(Instant.now(clock)).build();
        ProducerTuning t = cluster.tuning();
        try {
            byte[] value = serde.serializer().serialize(Topics.CAMPAIGNS, next);
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, campaignId, value))
                    .get(t.maxBlock().plus(t.deliveryTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateChangeException(campaignId, "interrupted", e);
        } catch (ExecutionException | TimeoutException | KafkaException | MailstreamException e) {
            throw new StateChangeException(campaignId, "publishing the new state failed: " + CampaignLauncher.reason(e), e);
        }
        LOG.info("campaign {}: {} -> {}", campaignId, from, target);
        return new StateChange(campaignId, from, target, true);
    }

    /** The live record for {@code campaignId}, reading the compacted topic from its start to its current end. */
    public Optional<Campaign> latest(String campaignId) {
        Duration timeout = cluster.tuning().maxBlock();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CAMPAIGNS, timeout);
            if (infos == null || infos.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Campaign latest = null;
            while (!caughtUp(end)) {
                if (System.nanoTime() > deadline) {
                    throw new StateChangeException(campaignId, "did not read " + Topics.CAMPAIGNS + " to its end within "
                            + timeout + " (is the broker at " + cluster.kafka().bootstrapServers() + " reachable?)", null);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (campaignId.equals(r.key())) {
                        latest = r.value() == null ? null : serde.decode(r);
                    }
                }
            }
            return Optional.ofNullable(latest);
        } catch (KafkaException | MailstreamException e) {
            if (e instanceof StateChangeException sce) {
                throw sce;
            }
            throw new StateChangeException(campaignId, "reading " + Topics.CAMPAIGNS + " failed: "
                    + CampaignLauncher.reason(e), e);
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (ownsClients) {
            consumer.close();
            producer.close(Duration.ofSeconds(10));
        }
    }
}
