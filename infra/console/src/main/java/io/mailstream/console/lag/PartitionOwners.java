package io.mailstream.console.lag;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/** Which member of each consumer group owns which partition, from the cluster's group descriptions (AdminClient). */
public final class PartitionOwners {
    private final Admin admin;
    private final Duration timeout;

    public PartitionOwners(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Owner ({@code clientId@host}) per group and partition, for {@code groups}. */
    public Map<String, Map<TopicPartition, String>> of(Collection<String> groups) {
        if (groups.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Map<TopicPartition, String>> out = new HashMap<>();
            described.forEach((group, d) -> {
                Map<TopicPartition, String> owners = new HashMap<>();
                for (MemberDescription m : d.members()) {
                    String who = m.clientId() + m.host();
                    m.assignment().topicPartitions().forEach(tp -> owners.put(tp, who));
                }
                out.put(group, owners);
            });
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe consumer groups " + groups + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing consumer groups", e);
        }
    }
}
