package io.mailstream.bounces.completion;

import io.mailstream.avro.Campaign;
import io.mailstream.schemas.MailstreamException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest record of every campaign, followed from {@code mail.campaigns} with a
 * {@code read_committed} consumer: {@link #catchUp} reads to the end the topic has when it is
 * called, so after a writer's {@code initTransactions()} it sees every committed change.
 * Campaigns are few (one record each after compaction), so all of them are kept.
 */
public final class CampaignLog {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignLog.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<String, byte[]> consumer;
    private final AvroSerde<Campaign> serde;
    private final Duration timeout;
    private final Map<String, Campaign> latest = new HashMap<>();
    private List<TopicPartition> partitions = List.of();

    public CampaignLog(Consumer<String, byte[]> consumer, AvroSerde<Campaign> serde, Duration timeout) {
        this.consumer = consumer;
        this.serde = serde;
        this.timeout = timeout;
    }

    /** Reads to the current end; returns every live campaign by id (a view, valid until the next call). */
    public Map<String, Campaign> catchUp() {
        if (partitions.isEmpty()) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CAMPAIGNS, timeout);
            if (infos == null || infos.isEmpty()) {
                return latest;
            }
            partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new CompletionException("did not read " + Topics.CAMPAIGNS + " to its end within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                apply(r);
            }
        }
        return latest;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            latest.remove(r.key());
            return;
        }
        try {
            latest.put(r.key(), serde.decode(r));
        } catch (MailstreamException e) {
            // the dispatcher dead-letters campaign records it cannot read; here one just cannot complete
            LOG.warn("campaign record {} at {}-{}@{} is unreadable; it is not judged for completion: {}",
                    r.key(), r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }
}
