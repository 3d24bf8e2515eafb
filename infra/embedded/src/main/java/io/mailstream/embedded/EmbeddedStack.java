package io.mailstream.embedded;

import io.mailstream.embedded.kafka.EmbeddedKafka;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistry;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistryConfig;
import io.mailstream.embedded.registry.internal.SchemaLog;
import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.topics.ProvisioningResult;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.embedded.secure.SecuredStackConfig;
import io.mailstream.embedded.secure.StackSecurity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
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
    private final Optional<StackSecurity> security;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, SmtpSink sink,
            ProvisioningResult topics, Optional<StackSecurity> security) {
        this.security = security;
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
            try (TopicProvisioner provisioner = TopicProvisioner.forCluster(kafka.adminConnection())) {
                topics = provisioner.provision(Topics.all(config.outboundPartitions()));
                if (config.secured().isPresent()) {
                    // the registry's user may read and write _schemas, not create topics: the admin makes it
                    provisioner.provision(java.util.List.of(SchemaLog.SPEC)).requireNoMismatches();
                }
            }
            if (config.strictTopics()) {
                topics.requireNoMismatches();
            }
            config.secured().ifPresent(s -> createAcls(kafka, s));
            EmbeddedSchemaRegistryConfig registryConfig = new EmbeddedSchemaRegistryConfig(
                    config.secured().map(s -> new KafkaConnection(kafka.bootstrapServers(), s.security().clientSettings(s.registryUser())))
                            .orElseGet(() -> KafkaConnection.plaintext(kafka.bootstrapServers())),
                    config.schemaRegistryPort(), EmbeddedSchemaRegistryConfig.DEFAULT_KAFKA_TIMEOUT,
                    EmbeddedSchemaRegistryConfig.DEFAULT_HTTP_THREADS);
            if (config.secured().isPresent()) {
                registryConfig = registryConfig.withSecurity(config.secured().get().security().registryServer());
            }
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(registryConfig);
            started.push(registry);
            SmtpSink sink = SmtpSink.start(config.smtp());
            started.push(sink);
            EmbeddedStack stack = new EmbeddedStack(kafka, registry, sink, topics,
                    config.secured().map(SecuredStackConfig::security));
            LOG.info("Embedded stack up: kafka {}, schema registry {}, smtp sink {}:{}", stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), stack.smtpHost(), stack.smtpPort());
            return stack;
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private static void createAcls(EmbeddedKafka kafka, SecuredStackConfig secured) {
        try (Admin admin = Admin.create(kafka.adminConnection().merge(Map.of()))) {
            admin.createAcls(secured.acls()).all().get(30, TimeUnit.SECONDS);
            // The controller has them now; the broker's authorizer applies them a moment later, and a
            // service that connects in between is refused. describeAcls answers from the broker's view.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)
                    .containsAll(secured.acls())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not apply the secured stack's ACLs within 30 s");
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the secured stack's ACLs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the secured stack's ACLs", e);
        }
    }

    /** The users, passwords and CA of a secured stack; empty for the plaintext one. */
    public Optional<StackSecurity> security() {
        return security;
    }

    /**
     * How {@code user} reaches the broker: its own SCRAM credentials and the CA on a secured stack
     * ({@link StackSecurity#clientSettings}), plaintext otherwise.
     */
    public KafkaConnection connection(String user) {
        return new KafkaConnection(bootstrapServers(),
                security.map(s -> s.clientSettings(user)).orElseGet(io.mailstream.schemas.kafka.KafkaClientSettings::none));
    }

    /** The broker as the stack's admin (a super user on a secured stack). */
    public KafkaConnection adminConnection() {
        return kafka.adminConnection();
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
