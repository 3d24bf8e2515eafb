package io.mailstream.testkit.internal;

import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStack;
import io.mailstream.testkit.PipelineStackConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link PipelineStack} on Testcontainers: an {@code apache/kafka} KRaft container and Confluent's
 * schema registry on a shared network (the registry reaches Kafka through an extra listener named
 * by its network alias). The SMTP sink stays in-process: the code under test runs here too.
 */
public final class ContainerPipelineStack implements PipelineStack {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerPipelineStack.class);
    private static final String KAFKA_ALIAS = "kafka";
    private static final String INTERNAL_LISTENER = KAFKA_ALIAS + ":19092";
    private static final int REGISTRY_PORT = 8081;

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;
    private final SmtpSink sink;

    private ContainerPipelineStack(Network network, KafkaContainer kafka, GenericContainer<?> registry, SmtpSink sink) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
        this.sink = sink;
    }

    public static ContainerPipelineStack start(PipelineStackConfig config) {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(config.kafkaImage()))
                .withNetwork(network)
                .withNetworkAliases(KAFKA_ALIAS)
                .withListener(INTERNAL_LISTENER);
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(config.schemaRegistryImage()))
                .withNetwork(network)
                .withExposedPorts(REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + INTERNAL_LISTENER)
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        SmtpSink sink = null;
        try {
            kafka.start();
            try (TopicProvisioner provisioner = TopicProvisioner.forBootstrapServers(kafka.getBootstrapServers())) {
                provisioner.provision(Topics.all(config.outboundPartitions()));
            }
            registry.start();
            sink = SmtpSink.start(config.smtp());
            ContainerPipelineStack stack = new ContainerPipelineStack(network, kafka, registry, sink);
            LOG.info("Container stack up: kafka {}, schema registry {}", stack.bootstrapServers(), stack.schemaRegistryUrl());
            return stack;
        } catch (RuntimeException e) {
            if (sink != null) {
                sink.close();
            }
            registry.stop();
            kafka.stop();
            network.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT);
    }

    @Override
    public SmtpSink sink() {
        return sink;
    }

    @Override
    public Kind kind() {
        return Kind.CONTAINERS;
    }

    @Override
    public void close() {
        sink.close();
        registry.stop();
        kafka.stop();
        network.close();
    }
}
