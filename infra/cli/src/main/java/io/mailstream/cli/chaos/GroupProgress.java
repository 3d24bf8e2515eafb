package io.mailstream.cli.chaos;

import io.mailstream.schemas.topics.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the dispatchers' consumer group has committed past every record of the mail topics
 * ({@code mail.outbound}, {@code mail.transactional}): an offset is committed only once its outcome is
 * durable, so then nothing written so far is still to be delivered.
 */
final class GroupProgress implements AutoCloseable {
    static final String GROUP = "mailstream-dispatcher";
    private final Admin admin;

    GroupProgress(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "chaos-group-progress"));
    }

    /** True when every non-empty partition of the mail topics has a committed offset at its end; false also when the cluster does not answer. */
    boolean caughtUp() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.OUTBOUND, Topics.TRANSACTIONAL))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            topics.values().forEach(t -> t.partitions().forEach(p -> latest.put(new TopicPartition(t.name(), p.partition()),
                    OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                long end = e.getValue().offset();
                OffsetAndMetadata c = committed.get(e.getKey());
                if (end > 0 && (c == null || c.offset() < end)) {
                    return false;
                }
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
