package io.mailstream.embedded;

import io.mailstream.embedded.kafka.EmbeddedKafka;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistry;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistryConfig;
import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.topics.ProvisioningResult;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.Topics;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the pipeline needs on one machine, in this JVM: a KRaft broker with every topic of
 * {@link Topics#all(int)} provisioned, a schema registry on the {@code _schemas} topic, and an SMTP
 * sink in place of the receiving mail servers. Closes in reverse order of start.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final SmtpSink sink;
    private final ProvisioningResult topics;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, SmtpSink sink,
            ProvisioningResult topics) {
        this.kafka = kafka;
        this.registry = registry;
        this.sink = sink;
        this.topics = topics;
    }

    public static EmbeddedStack start() {
        return start(EmbeddedStackConfig.defaults());
    }

    /** Starts broker, topics, registry and sink; on failure stops whatever had started. */
    public static EmbeddedStack start(EmbeddedStackConfig config) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            EmbeddedKafka kafka = EmbeddedKafka.start(config.kafka());
            started.push(kafka);
            ProvisioningResult topics;
            try (TopicProvisioner provisioner = TopicProvisioner.forBootstrapServers(kafka.bootstrapServers())) {
                topics = provisioner.provision(Topics.all(config.outboundPartitions()));
            }
            if (config.strictTopics()) {
                topics.requireNoMismatches();
            }
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new EmbeddedSchemaRegistryConfig(
                    KafkaConnection.plaintext(kafka.bootstrapServers()), config.schemaRegistryPort(),
                    EmbeddedSchemaRegistryConfig.DEFAULT_KAFKA_TIMEOUT, EmbeddedSchemaRegistryConfig.DEFAULT_HTTP_THREADS));
            started.push(registry);
            SmtpSink sink = SmtpSink.start(config.smtp());
            started.push(sink);
            EmbeddedStack stack = new EmbeddedStack(kafka, registry, sink, topics);
            LOG.info("Embedded stack up: kafka {}, schema registry {}, smtp sink {}:{}", stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), stack.smtpHost(), stack.smtpPort());
            return stack;
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public String smtpHost() {
        return sink.host();
    }

    public int smtpPort() {
        return sink.port();
    }

    public SmtpSink sink() {
        return sink;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** What topic provisioning found at start (created, existing, mismatching). */
    public ProvisioningResult topics() {
        return topics;
    }

    @Override
    public void close() {
        Deque<AutoCloseable> all = new ArrayDeque<>();
        all.push(kafka);
        all.push(registry);
        all.push(sink);
        closeAll(all);
    }

    private static void closeAll(Deque<AutoCloseable> lastStartedFirst) {
        while (!lastStartedFirst.isEmpty()) {
            AutoCloseable c = lastStartedFirst.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}", c.getClass().getSimpleName(), e);
            }
        }
    }
}
