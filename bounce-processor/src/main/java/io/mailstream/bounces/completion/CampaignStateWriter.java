package io.mailstream.bounces.completion;

import io.mailstream.avro.Campaign;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.CampaignWriters;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Changes one campaign record with the producer's compare-and-set: in a transaction under the
 * campaign's own transactional id ({@link CampaignWriters}), whose {@code initTransactions()} fences
 * any writer of that campaign still in flight, after reading {@code mail.campaigns} to its end again
 * and deciding the change on what is there now. A launch, pause, resume or cancel that starts after
 * that fences this write ({@link Result#FENCED}: decide again later); one committed before is seen.
 * Used by {@link CampaignCompletion} (DONE) and the campaign guard's brakes; the caller's thread owns the {@link CampaignLog}.
 */
public final class CampaignStateWriter {
    /** How a write ended. */
    public enum Result { WRITTEN, UNCHANGED, FENCED }

    private final KafkaConnection kafka;
    private final AvroSerde<Campaign> serde;
    private final CampaignLog log;
    private final Duration timeout;
    private final String clientIdPrefix;

    public CampaignStateWriter(KafkaConnection kafka, AvroSerde<Campaign> serde, CampaignLog log, Duration timeout,
                               String clientIdPrefix) {
        this.kafka = kafka;
        this.serde = serde;
        this.log = log;
        this.timeout = timeout;
        this.clientIdPrefix = clientIdPrefix;
    }

    /**
     * Writes {@code change} of the campaign's current record (its stateVersion is bumped here);
     * {@code change} answers empty, or the campaign is unknown, for nothing to write.
     *
     * @throws CompletionException when Kafka did not take the write (try again later)
     */
    public Result write(String campaignId, Function<Campaign, Optional<Campaign>> change) throws InterruptedException {
        try (Producer<String, byte[]> producer = producer(campaignId)) {
            try {
                producer.initTransactions(); // from here, a writer of this campaign that started earlier is fenced
                Campaign current = log.catchUp().get(campaignId);
                Optional<Campaign> next = current == null ? Optional.empty() : change.apply(current);
                if (next.isEmpty()) {
                    return Result.UNCHANGED;
                }
                Campaign record = Campaign.newBuilder(next.get()).setStateVersion(current.getStateVersion() + 1).build();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, campaignId, serde.serializer().serialize(Topics.CAMPAIGNS, record)))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                producer.commitTransaction();
                return Result.WRITTEN;
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                return Result.FENCED;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (e.getCause() instanceof ProducerFencedException || e.getCause() instanceof InvalidProducerEpochException) {
                    return Result.FENCED;
                }
                throw new CompletionException("writing campaign " + campaignId + " failed: " + e);
            }
        }
    }

    private Producer<String, byte[]> producer(String campaignId) {
        Properties p = new Properties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, CampaignWriters.transactionalId(campaignId));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + campaignId);
        return new KafkaProducer<>(kafka.merge(p), new StringSerializer(), new ByteArraySerializer());
    }
}
