package io.mailstream.embedded.kafka.internal;

import io.mailstream.embedded.kafka.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The broker properties of a single combined broker+controller node, built from typed config. */
public final class BrokerProperties {
    /** Default 128 MiB would dominate the heap of a small JVM; compaction of our few topics needs little. */
    static final String DEDUPE_BUFFER_BYTES = Integer.toString(4 * 1024 * 1024);

    private BrokerProperties() {
    }

    public static Map<String, String> of(EmbeddedKafkaConfig config, Path logDir, int brokerPort, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // one node: every internal topic must fit on it
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        // tests and the demo start consumers right away; the 3 s default only delays them
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", DEDUPE_BUFFER_BYTES);
        p.put("log.cleaner.threads", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("auto.create.topics.enable", Boolean.toString(config.autoCreateTopics()));
        config.security().ifPresent(s -> p.putAll(s.brokerProperties(brokerPort, controllerPort)));
        p.putAll(config.brokerOverrides());
        return p;
    }
}
