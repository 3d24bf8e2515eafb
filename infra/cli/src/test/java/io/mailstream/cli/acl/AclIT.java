package io.mailstream.cli.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.cli.support.SaslBroker;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.KafkaClientProperties;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistry;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistryConfig;
import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiKey;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.ClusterConfig;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.ProducerTuning;
import io.mailstream.producer.launch.Progress;
import io.mailstream.producer.launch.RegistryTarget;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every service runs as a principal of its own on a broker with an authorizer, with nothing but
 * the ACLs {@code mailstream topics --print-acls} prints ({@link ServiceAcls}): a campaign launch
 * is delivered by a dispatcher, the bounce processor's Streams app runs, the API follows delivery
 * events, a registry stores a schema in {@code _schemas}; and the dispatcher may not write
 * {@code mail.suppressions}. The plaintext listener is the
 * broker's own (super user) and serves the test's set-up and the registry.
 */
class AclIT {
    private static final List<String> USERS = List.of("mailstream-dispatcher", "mailstream-bounce-processor",
            "mailstream-api", "mailstream-campaigns", "mailstream-registry");
    private static SaslBroker broker;
    private static EmbeddedSchemaRegistry registryServer;
    private static SchemaRegistry registry;
    private static String saslServers;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = SaslBroker.start(USERS, true);
        saslServers = broker.saslServers();
        try (TopicProvisioner p = TopicProvisioner.forBootstrapServers(broker.plaintextServers())) {
            p.provision(Topics.all(3)).requireNoMismatches();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.plaintextServers()))) {
            admin.createAcls(ServiceAcls.defaults().all()).all().get(30, TimeUnit.SECONDS);
        }
        registryServer = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistryConfig.forKafka(broker.plaintextServers()));
        registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(registryServer.url()));
    }

    @AfterAll
    static void stop() {
        if (registryServer != null) {
            registryServer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaClientSettings as(String user) {
        return SaslBroker.as(user);
    }

    private static KafkaConnection connection(String user) {
        return new KafkaConnection(saslServers, as(user));
    }

    @Test
    void aCampaignShouldBeLaunchedAndDeliveredByServicesWithOnlyTheirOwnAcls() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults().keepingMessages())) {
            DispatcherConfig config = DispatcherConfig.builder().kafkaSettings(as("mailstream-dispatcher"))
                    .bootstrapServers(saslServers).schemaRegistryUrl(registryServer.url()).dispatcherId("acl-dispatcher")
                    .smtpHost(sink.host()).smtpPort(sink.port()).bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t")).build();
            try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
                dispatcher.start();
                ClusterConfig cluster = new ClusterConfig(connection("mailstream-campaigns"), RegistryTarget.instance(registry),
                        ProducerTuning.DEFAULTS);
                try (CampaignLauncher launcher = CampaignLauncher.connect(
                        LaunchConfig.of(cluster).withRejectsFile(dir.resolve("rejects.csv")), Clock.systemUTC(), Progress.NONE)) {
                    assertThat(launcher.launch(Path.of("../../examples/welcome/campaign.yaml")).published()).isEqualTo(18);
                }
                Awaitility.await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                    assertThat(dispatcher.failure()).isEmpty();
                    assertThat(sink.received()).hasSize(18);
                });
            }
        }
    }

    @Test
    void theDispatcherShouldBeRefusedWritingSuppressionsNamingTheTopic() {
        DispatcherConfig config = DispatcherConfig.builder().kafkaSettings(as("mailstream-dispatcher"))
                .bootstrapServers(saslServers).schemaRegistryUrl(registryServer.url()).smtpHost("localhost")
                .bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t")).build();

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientProperties.producer(config))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.SUPPRESSIONS, new byte[1], new byte[1]))
                    .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicAuthorizationException.class).hasMessageContaining(Topics.SUPPRESSIONS);
        }
    }

    @Test
    void theBounceProcessorsStreamsAppShouldRunWithItsAcls() {
        BounceProcessorConfig config = BounceProcessorConfig.of(connection("mailstream-bounce-processor"), registryServer.url(),
                ReceiverConfig.of(new SignedVerp(Domain.of("bounce.example.com"), VerpKeys.generate("t")), 0)).withStateDir(dir.resolve("streams"));

        try (BounceProcessor processor = BounceProcessor.start(config)) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> processor.streamsState() == KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void aRegistryShouldStoreSchemasWithItsAcls() {
        try (EmbeddedSchemaRegistry own = EmbeddedSchemaRegistry.start(new EmbeddedSchemaRegistryConfig(
                connection("mailstream-registry"), 0, EmbeddedSchemaRegistryConfig.DEFAULT_KAFKA_TIMEOUT, 2))) {
            SchemaRegistry client = new RestSchemaRegistryClient(SchemaRegistryConfig.of(own.url()));
            int id = client.register("acl-it-value", org.apache.avro.SchemaBuilder.record("AclIt").namespace("it").fields()
                    .requiredString("who").endRecord());

            assertThat(client.schemaById(id).getName()).isEqualTo("AclIt");
        }
    }

    @Test
    void theApiShouldFollowDeliveryEventsWithItsAcls() {
        ApiConfig config = ApiConfig.of(0, saslServers, registryServer.url(),
                List.of(new ApiKey("shop", "a-long-enough-secret", Set.of()))).withKafkaSettings(as("mailstream-api"));

        try (ApiServer api = ApiServer.start(config, Clock.systemUTC())) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> api.health().readiness().up());
        }
    }
}
