package io.mailstream.cli.console;

import io.mailstream.cli.lag.GroupFilter;
import io.mailstream.cli.lag.LagReader;
import io.mailstream.cli.lag.LagSnapshot;
import io.mailstream.cli.lag.PartitionLag;
import io.mailstream.console.lag.LagRow;
import io.mailstream.console.lag.LagSource;
import io.mailstream.console.lag.PartitionOwners;
import io.mailstream.schemas.kafka.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * The console's lag page fed by the reader {@code mailstream lag} uses (same groups, same numbers),
 * joined with the partition owners from the groups' descriptions.
 */
public final class LagReaderSource implements LagSource, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LagReader reader;
    private final Admin admin;
    private final PartitionOwners owners;
    private final GroupFilter filter;

    private LagReaderSource(LagReader reader, Admin admin, GroupFilter filter) {
        this.reader = reader;
        this.admin = admin;
        this.owners = new PartitionOwners(admin, TIMEOUT);
        this.filter = filter;
    }

    public static LagReaderSource connect(KafkaConnection kafka) {
        Properties p = new Properties();
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "mailstream-console-owners");
        return new LagReaderSource(LagReader.connect(kafka, TIMEOUT, Clock.systemUTC()), Admin.create(kafka.merge(p)),
                GroupFilter.defaults());
    }

    @Override
    public synchronized List<LagRow> read() {
        LagSnapshot snapshot = reader.read(filter);
        Map<String, Map<TopicPartition, String>> byGroup = owners.of(snapshot.lagByGroup().keySet());
        return snapshot.partitions().stream().map((PartitionLag p) -> new LagRow(p.group(), p.topic(), p.partition(), p.committed(),
                p.end(), p.lag(), Optional.ofNullable(byGroup.getOrDefault(p.group(), Map.of())
                        .get(new TopicPartition(p.topic(), p.partition()))))).toList();
    }

    @Override
    public void close() {
        reader.close();
        admin.close(Duration.ofSeconds(5));
    }
}
