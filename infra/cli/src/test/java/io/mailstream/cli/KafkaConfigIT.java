package io.mailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.cli.support.SaslBroker;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.KafkaClientProperties;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistry;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistryConfig;
import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiKey;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every kind of mailstream client reaches a broker whose client listener demands SASL (PLAIN)
 * through {@code --kafka-config} alone: the admin client (topics, lag), the campaign producer,
 * the bounce processor's suppression commands and its Kafka Streams app, the transactional API
 * and the dispatcher's consumers. The broker keeps a
 * plaintext listener for its own readiness check and the schema registry's store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaConfigIT {
    private static final String PASSWORD = SaslBroker.password("mailstream");
    private static SaslBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static String saslServers;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startASaslBroker() {
        broker = SaslBroker.start(List.of("mailstream"), false);
        saslServers = broker.saslServers();
        registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistryConfig.forKafka(broker.plaintextServers()));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static Path clientConfig(String name, String password) throws IOException {
        return Files.writeString(dir.resolve(name), """
                bootstrap.servers=%s
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                    username="mailstream" password="%s";
                request.timeout.ms=10000
                default.api.timeout.ms=10000
                """.formatted(saslServers, password));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run mailstream(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Mailstream.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void topicsShouldCreateEveryTopicOverSaslWithTheFileAlone() throws Exception {
        Path config = clientConfig("client.properties", PASSWORD);

        Run run = mailstream("topics", "--kafka-config", config.toString(), "--partitions", "3");

        assertThat(run.code()).as(run.err()).isZero();
        try (Admin plain = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.plaintextServers()))) {
            Set<String> names = plain.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(names).contains(Topics.OUTBOUND, Topics.SUPPRESSIONS, Topics.DELIVERY_EVENTS);
        }
    }

    @Test
    @Order(2)
    void aWrongPasswordShouldBeRefusedByTheBroker() throws Exception {
        Path config = clientConfig("wrong.properties", "not-the-password");

        Run run = mailstream("topics", "--kafka-config", config.toString());

        assertThat(run.code()).isNotZero();
        assertThat(run.err()).containsIgnoringCase("authentication failed");
    }

    @Test
    @Order(3)
    void lagShouldReadTheGroupsOverSasl() throws Exception {
        Path config = clientConfig("client2.properties", PASSWORD);

        Run run = mailstream("lag", "--kafka-config", config.toString(), "--samples", "1", "--json");

        assertThat(run.code()).as(run.err()).isZero();
    }

    @Test
    @Order(4)
    void campaignLaunchAndSuppressShouldWorkOverSasl() throws Exception {
        Path config = clientConfig("client3.properties", PASSWORD);

        Run launch = mailstream("campaign", "launch", "../../examples/welcome/campaign.yaml", "--kafka-config", config.toString(),
                "--schema-registry", registry.url(), "--rejects", dir.resolve("rejects.csv").toString(), "--json");
        Run add = mailstream("suppress", "add", "someone@example.org", "--kafka-config", config.toString(),
                "--schema-registry", registry.url());
        Run list = mailstream("suppress", "list", "--kafka-config", config.toString(), "--schema-registry", registry.url());

        assertThat(launch.code()).as(launch.err()).isZero();
        assertThat(launch.out()).contains("\"published\":18");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(list.out()).contains("someone@example.org");
    }

    @Test
    @Order(6)
    void theBounceProcessorsStreamsAppShouldRunOverSasl() throws Exception {
        KafkaConnection sasl = KafkaConnection.resolve(null, KafkaClientSettings.load(clientConfig("bounces.properties", PASSWORD)));
        BounceProcessorConfig config = BounceProcessorConfig.of(sasl, registry.url(), ReceiverConfig.of(new SignedVerp(Domain.of("bounce.example.com"), VerpKeys.generate("t")), 0))
                .withStateDir(dir.resolve("streams")).withApplicationId("kafka-config-it-bounces");

        try (BounceProcessor processor = BounceProcessor.start(config)) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> processor.streamsState() == KafkaStreams.State.RUNNING);
        }
    }

    @Test
    @Order(7)
    void theApiShouldFollowDeliveryEventsOverSasl() throws Exception {
        ApiConfig config = ApiConfig.of(0, saslServers, registry.url(),
                List.of(new ApiKey("shop", "a-long-enough-secret", Set.of())))
                .withKafkaSettings(KafkaClientSettings.load(clientConfig("api.properties", PASSWORD)));

        try (ApiServer api = ApiServer.start(config, Clock.systemUTC())) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> api.health().readiness().up());
        }
    }

    @Test
    @Order(5)
    void theDispatchersClientsShouldReachTheSaslListener() throws Exception {
        DispatcherConfig config = DispatcherConfig.builder()
                .kafkaSettings(KafkaClientSettings.load(clientConfig("dispatcher.properties", PASSWORD)))
                .schemaRegistryUrl(registry.url()).smtpHost("localhost").bounceDomain("bounce.example.com").verpKeys(VerpKeys.generate("t")).build();

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientProperties.tableConsumer(config, "it"))) {
            assertThat(consumer.partitionsFor(Topics.OUTBOUND, Duration.ofSeconds(10))).hasSize(3);
        }
        assertThat(config.kafka().bootstrapServers()).isEqualTo(saslServers);
    }
}
