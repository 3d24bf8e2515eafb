package io.mailstream.cli.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of n nodes, each a combined broker + controller in its own JVM ({@code kafka.Kafka}),
 * on free ports, with replication defaults for n = 3 (factor 3, min.insync.replicas 2). Same
 * settings as {@code infra/scripts/kafka-cluster.sh}, but started from this class path and on any ports.
 */
public final class LocalKafkaCluster {
    private static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final List<Node> nodes;
    private final Path dir;

    /** A node: its id, client port and process. */
    public record Node(int id, int brokerPort, int controllerPort, ServiceProcess process) {
    }

    private LocalKafkaCluster(List<Node> nodes, Path dir) {
        this.nodes = new java.util.concurrent.CopyOnWriteArrayList<>(nodes);
        this.dir = dir;
    }

    /**
     * Starts node {@code id} again on its ports and storage (after a SIGKILL), and returns once it
     * accepts connections; it catches up with the other replicas by itself.
     */
    public Node restart(JvmLauncher launcher, int id) {
        Node old = node(id);
        if (old.process().isAlive()) {
            throw new IllegalStateException("node " + id + " is still running");
        }
        ServiceProcess p = launcher.start("kafka-" + id + "-restarted", JVM, "kafka.Kafka",
                List.of(dir.resolve("node-" + id).resolve("server.properties").toString()));
        Node restarted = new Node(id, old.brokerPort(), old.controllerPort(), p);
        nodes.replaceAll(n -> n.id() == id ? restarted : n);
        FreePorts.await(p, old.brokerPort(), START_TIMEOUT);
        return restarted;
    }

    /** Formats the storage of each node and starts them; returns once every node is in the cluster metadata. */
    public static LocalKafkaCluster start(JvmLauncher launcher, Path dir, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, was " + size);
        }
        int[] brokerPorts = new int[size];
        int[] controllerPorts = new int[size];
        for (int i = 0; i < size; i++) {
            brokerPorts[i] = FreePorts.next();
            controllerPorts[i] = FreePorts.next();
        }
        String voters = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts[i]).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<Path> configs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            configs.add(writeConfig(dir.resolve("node-" + (i + 1)), i + 1, brokerPorts[i], controllerPorts[i], voters, size));
        }
        List<ServiceProcess> formats = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            formats.add(launcher.start("format-node-" + (i + 1), JVM, "kafka.tools.StorageTool",
                    List.of("format", "-t", clusterId, "-c", configs.get(i).toString(), "--ignore-formatted")));
        }
        for (ServiceProcess f : formats) {
            if (!f.waitFor(START_TIMEOUT) || f.exitValue() != 0) {
                throw new ScaleOutException("formatting the storage failed (" + f + "):\n" + f.logTail(20));
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ServiceProcess p = launcher.start("kafka-" + (i + 1), JVM, "kafka.Kafka", List.of(configs.get(i).toString()));
            nodes.add(new Node(i + 1, brokerPorts[i], controllerPorts[i], p));
        }
        for (Node n : nodes) {
            FreePorts.await(n.process(), n.brokerPort(), START_TIMEOUT);
        }
        LocalKafkaCluster cluster = new LocalKafkaCluster(nodes, dir);
        cluster.awaitBrokers(size, START_TIMEOUT);
        return cluster;
    }

    private static Path writeConfig(Path dir, int id, int brokerPort, int controllerPort, String voters, int size) {
        int replication = Math.min(3, size);
        int minIsr = Math.max(1, replication - 1);
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + id,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                "num.partitions=3",
                "default.replication.factor=" + replication,
                "min.insync.replicas=" + minIsr,
                "offsets.topic.replication.factor=" + replication,
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=" + minIsr,
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.dedupe.buffer.size=4194304",
                "");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("server.properties");
            Files.writeString(file, props, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker config in " + dir, e);
        }
    }

    private void awaitBrokers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                int seen;
                try {
                    seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                } catch (Exception e) {
                    seen = 0;
                }
                if (seen >= expected) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new ScaleOutException("only " + seen + " of " + expected + " brokers joined within " + timeout);
                }
                Thread.sleep(500); // polling cluster metadata
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScaleOutException("interrupted while waiting for the brokers");
        }
    }

    public String bootstrapServers() {
        return nodes.stream().map(n -> "localhost:" + n.brokerPort()).collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Node node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in " + nodes));
    }

    public Node nodeOnPort(int port) {
        return nodes.stream().filter(n -> n.brokerPort() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node on port " + port));
    }
}
