package io.mailstream.cli.scaleout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a consumer group's assignment (Admin {@code describeConsumerGroups}) on a thread of its own
 * and records every sample in which a partition is assigned to more than one member: the group
 * protocol promises one owner per partition at a time, and the dispatcher's commit rule relies on it.
 */
public final class OwnershipMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnershipMonitor.class);

    /** A partition seen with more than one owner in one sample. */
    public record Violation(long atMillis, TopicPartition partition, List<String> owners) {
    }

    /** Samples taken, partitions seen with two owners at once, partitions that moved during the run. */
    public record Summary(long samples, long violations, long partitionsHandedOver) {
    }

    private final Admin admin;
    private final String group;
    private final Duration interval;
    private final Thread thread;
    private final List<Violation> violations = new ArrayList<>();
    private final Map<TopicPartition, Set<String>> ownersSeen = new HashMap<>();
    private volatile boolean running = true;
    private long samples;
    private long failedSamples;

    public OwnershipMonitor(String bootstrapServers, String group, Duration interval) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "scale-out-ownership-monitor",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        this.group = group;
        this.interval = interval;
        this.thread = new Thread(this::run, "scale-out-ownership-monitor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                        .get(10, TimeUnit.SECONDS);
                check(System.currentTimeMillis(), d.members());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a broker just died or the coordinator moved: the next sample will tell
                synchronized (this) {
                    failedSamples++;
                }
                LOG.debug("ownership sample failed: {}", e.toString());
            }
            try {
                Thread.sleep(interval.toMillis()); // the sampling period itself
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized void check(long atMillis, Iterable<MemberDescription> members) {
        samples++;
        for (MemberDescription m : members) {
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                ownersSeen.computeIfAbsent(tp, k -> new HashSet<>()).add(m.clientId());
            }
        }
        sharedPartitions(members).forEach((tp, who) -> {
            violations.add(new Violation(atMillis, tp, who));
            LOG.warn("partition {} has {} owners at once: {}", tp, who.size(), who);
        });
    }

    /** The partitions that more than one member holds in this one description, with their holders. */
    static Map<TopicPartition, List<String>> sharedPartitions(Iterable<MemberDescription> members) {
        Map<TopicPartition, List<String>> owners = new HashMap<>();
        for (MemberDescription m : members) {
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                owners.computeIfAbsent(tp, k -> new ArrayList<>()).add(m.clientId() + "/" + m.consumerId());
            }
        }
        owners.values().removeIf(who -> who.size() < 2);
        return owners;
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    public synchronized long samples() {
        return samples;
    }

    public synchronized long failedSamples() {
        return failedSamples;
    }

    /** Partitions that have had more than one owner over the run (one after another): the hand-overs. */
    public synchronized long partitionsHandedOver() {
        return ownersSeen.values().stream().filter(s -> s.size() > 1).count();
    }

    public synchronized Summary summary() {
        return new Summary(samples, violations.size(), partitionsHandedOver());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
