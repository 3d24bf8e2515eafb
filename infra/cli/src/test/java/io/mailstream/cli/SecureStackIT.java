package io.mailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.cli.acl.MailstreamService;
import io.mailstream.cli.acl.ServiceAcls;
import io.mailstream.cli.stack.SecureStackSetup;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiKey;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack {@code mailstream stack --secure} runs: the client files it writes are valid
 * {@code --kafka-config} files, each service gets in as itself and no further, and the registry
 * wants HTTPS and credentials.
 */
class SecureStackIT {
    @TempDir
    static Path dir;
    private static SecureStackSetup setup;
    private static EmbeddedStack stack;
    private static Map<MailstreamService, Path> files;

    @BeforeAll
    static void start() {
        setup = SecureStackSetup.generate(dir.resolve("tls"), ServiceAcls.defaults());
        stack = EmbeddedStack.start(EmbeddedStackConfig.defaults().withOutboundPartitions(2).withSecurity(setup.stackConfig()));
        files = setup.writeClientFiles(dir.resolve("clients"), stack.bootstrapServers(), stack.schemaRegistryUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static KafkaClientSettings file(MailstreamService service) {
        return KafkaClientSettings.load(files.get(service));
    }

    @Test
    void theDispatcherShouldBeRefusedWritingSuppressionsWithAHintAtTheAcls() {
        try (KafkaProducer<byte[], byte[]> producer = producer(file(MailstreamService.DISPATCHER))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.SUPPRESSIONS, new byte[1], new byte[1])).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(hint(e, MailstreamService.DISPATCHER)).hasValueSatisfying(h -> assertThat(h)
                            .contains("Kafka refused User:mailstream-dispatcher WRITE on TOPIC " + Topics.SUPPRESSIONS + ".")
                            .contains("grant it only READ, DESCRIBE on TOPIC " + Topics.SUPPRESSIONS + ": it must not WRITE there")
                            .contains("--print-acls").doesNotContain("kafka-acls.sh")))
                    .cause().isInstanceOf(TopicAuthorizationException.class).hasMessageContaining(Topics.SUPPRESSIONS);
        }
    }

    @Test
    void aRefusalOfARightTheServiceNeedsShouldNameItAndTheAclLineToApply() throws Exception {
        AclBinding needed = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.TRANSACTIONAL, PatternType.LITERAL),
                new AccessControlEntry(MailstreamService.API.defaultPrincipal(), "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        assertThat(ServiceAcls.defaults().of(MailstreamService.API)).contains(needed);
        try (Admin admin = Admin.create(KafkaConnection.resolve(stack.bootstrapServers(), setup.security().adminSettings())
                .merge(Map.of()))) {
            admin.deleteAcls(List.of(needed.toFilter())).all().get(30, TimeUnit.SECONDS);
            try (KafkaProducer<byte[], byte[]> producer = producer(file(MailstreamService.API))) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.TRANSACTIONAL, new byte[1], new byte[1]))
                                .get(30, TimeUnit.SECONDS))
                                .satisfies(e -> assertThat(hint(e, MailstreamService.API)).hasValueSatisfying(h -> assertThat(h)
                                        .contains("Kafka refused User:mailstream-api WRITE on TOPIC " + Topics.TRANSACTIONAL + ".")
                                        .contains("The api needs this right")
                                        .containsPattern("User:mailstream-api +ALLOW +WRITE +TOPIC +LITERAL +" + Topics.TRANSACTIONAL)
                                        .contains("--allow-principal User:mailstream-api --operation Write --topic " + Topics.TRANSACTIONAL)
                                        .doesNotContain("must not"))));
            } finally {
                admin.createAcls(List.of(needed)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aConsumerGroupTheServiceHasNoRightToShouldBeNamedWithTheReadItLacks() {
        Properties p = KafkaConnection.resolve(null, file(MailstreamService.CAMPAIGNS)).merge(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "not-the-campaigns-group", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(), ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000"));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.CAMPAIGNS));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 30; i++) {
                    consumer.poll(Duration.ofSeconds(1));
                }
            }).isInstanceOf(GroupAuthorizationException.class)
                    .satisfies(e -> assertThat(hint(e, MailstreamService.CAMPAIGNS)).hasValueSatisfying(h -> assertThat(h)
                            .contains("Kafka refused User:mailstream-campaigns READ on GROUP not-the-campaigns-group.")
                            .contains("grant it nothing on GROUP not-the-campaigns-group: it must not READ there")));
        }
    }

    /** The hint the CLI prints, asking the cluster as the service's own principal, as {@code --kafka-config FILE} does. */
    private static Optional<String> hint(Throwable e, MailstreamService service) {
        return CommandAssembly.hint(e, Optional.of(KafkaConnection.resolve(null, file(service))));
    }

    @Test
    void theDispatcherShouldWriteItsDeliveryEvents() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(file(MailstreamService.DISPATCHER))) {
            assertThat(producer.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, new byte[1], new byte[1])).get(30, TimeUnit.SECONDS)
                    .offset()).isNotNegative();
        }
    }

    @Test
    void aServiceWithoutItsPasswordShouldBeRefusedAuthentication() {
        Map<String, String> entries = new HashMap<>(file(MailstreamService.CAMPAIGNS).entries());
        entries.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + setup.user(MailstreamService.CAMPAIGNS) + "\" password=\"not-the-password\";");
        try (KafkaProducer<byte[], byte[]> producer = producer(new KafkaClientSettings(entries, Optional.empty()))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.OUTBOUND, new byte[1], new byte[1])).get(30, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(CommandAssembly.hint(e, Optional.empty())).hasValueSatisfying(h -> assertThat(h).contains("credentials")))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void theRegistryShouldRefuseARequestWithoutCredentialsAndServeOneWithThem() throws Exception {
        assertThat(stack.schemaRegistryUrl()).startsWith("https://");
        HttpClient http = HttpClient.newBuilder().sslContext(trustingTheStackCa()).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        RestSchemaRegistryClient campaigns = new RestSchemaRegistryClient(file(MailstreamService.CAMPAIGNS).registry(null));
        int id = campaigns.register("secure-stack-it-value", SchemaBuilder.record("SecureStackIt").namespace("it").fields()
                .requiredString("who").endRecord());
        assertThat(campaigns.schemaById(id).getName()).isEqualTo("SecureStackIt");
    }

    @Test
    void theApiShouldFollowDeliveryEventsAsItself() {
        KafkaConnection api = KafkaConnection.resolve(null, file(MailstreamService.API));
        ApiConfig config = ApiConfig.of(0, api.bootstrapServers(), stack.schemaRegistryUrl(),
                List.of(new ApiKey("shop", "a-long-enough-secret", Set.of()))).withKafkaSettings(api.settings());
        try (ApiServer server = ApiServer.start(config, Clock.systemUTC())) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> server.health().readiness().up());
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaClientSettings settings) {
        Properties p = KafkaConnection.resolve(null, settings).merge(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000", ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000"));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static SSLContext trustingTheStackCa() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(setup.security().tls().trustStore())) {
            trust.load(in, setup.security().tls().password().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
