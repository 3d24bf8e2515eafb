package io.mailstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Outcome;
import io.mailstream.schemas.address.Domain;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.Sender;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transactional API on the real embedded broker and schema registry. */
class TransactionalApiIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final String SHOP_SECRET = "shop-secret-0123456789";
    private static final String OTHER_SECRET = "other-secret-0123456789";
    private static final String ACME_SECRET = "acme-secret-0123456789";
    private static final String BETA_SECRET = "beta-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ApiServer server;
    private static SchemaRegistry registry;

    @BeforeAll
    static void startApi() {
        registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        ApiConfig config = ApiConfig.of(0, STACK.bootstrapServers(), STACK.schemaRegistryUrl(), List.of(
                new ApiKey("shop", SHOP_SECRET, Set.of(Domain.of("shop.example"))),
                new ApiKey("other", OTHER_SECRET, Set.of(Domain.of("other.example"))),
                new ApiKey("acme", ACME_SECRET, Set.of(Domain.of("acme.example")), TenantId.of("acme")),
                new ApiKey("beta", BETA_SECRET, Set.of(Domain.of("beta.example")), TenantId.of("beta"))));
        server = ApiServer.start(config, registry, Clock.systemUTC());
    }

    @AfterAll
    static void stopApi() {
        if (server != null) {
            server.close();
        }
    }

    private static String body(String subject) {
        return """
                {"from": "orders@shop.example", "fromName": "Shop", "to": "alice@example.com",
                 "subject": "%s", "text": "Thanks for your order", "html": "<p>Thanks</p>",
                 "headers": {"X-Order": "42"}}""".formatted(subject);
    }

    private static HttpResponse<String> post(String secret, String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header("Authorization", "Bearer " + secret);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String secret, String id) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/v1/messages/" + id));
        if (secret != null) {
            b.header("Authorization", "Bearer " + secret);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<MailMessage> transactionalMessages(String messageId) {
        AvroSerde<MailMessage> serde = AvroSerde.forValue(MailMessage.class, registry);
        List<MailMessage> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.TRANSACTIONAL).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            // The API answered 202 only after the broker acknowledged, so everything is below the end offsets.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    MailMessage m = serde.decode(r);
                    if (m.getMessageId().equals(messageId)) {
                        found.add(m);
                    }
                }
                return partitions.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
        }
        return found;
    }

    @Test
    void validRequestShouldBeAcceptedWithItsMessageIdAfterKafkaAcknowledged() throws Exception {
        HttpResponse<String> response = post(SHOP_SECRET, "order-1", body("Your order"));

        assertThat(response.statusCode()).isEqualTo(202);
        String id = JSON.readTree(response.body()).get("id").asText();
        assertThat(id).isEqualTo(MessageIds.forIdempotencyKey("shop", "order-1"));
        assertThat(response.headers().firstValue("Location")).hasValue("/v1/messages/" + id);
        List<MailMessage> published = transactionalMessages(id);
        assertThat(published).hasSize(1);
        MailMessage m = published.get(0);
        assertThat(m.getKind()).isEqualTo(MessageKind.TRANSACTIONAL);
        assertThat(m.getCampaignId()).isNull();
        assertThat(m.getRoutingKey()).isEqualTo("example.com");
        assertThat(m.getInline().getSubject()).isEqualTo("Your order");
        assertThat(m.getInline().getText()).isEqualTo("Thanks for your order");
        assertThat(m.getHeaders()).containsEntry("X-Order", "42");
    }

    @Test
    void sameIdempotencyKeyTwiceShouldYieldTheSameIdAndOneMessage() throws Exception {
        HttpResponse<String> first = post(SHOP_SECRET, "reset-77", body("Reset your password"));
        HttpResponse<String> second = post(SHOP_SECRET, "reset-77", body("Reset your password"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        String id = JSON.readTree(first.body()).get("id").asText();
        assertThat(JSON.readTree(second.body()).get("id").asText()).isEqualTo(id);
        assertThat(transactionalMessages(id)).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithADifferentBodyShouldBeRefusedWith422() throws Exception {
        HttpResponse<String> first = post(SHOP_SECRET, "reset-422", body("Reset your password"));
        HttpResponse<String> second = post(SHOP_SECRET, "reset-422", body("Something else"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(second.body()).contains("different request body");
        assertThat(transactionalMessages(JSON.readTree(first.body()).get("id").asText())).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyFromAnotherApiKeyShouldBeAnotherMessage() throws Exception {
        String other = """
                {"from": "x@other.example", "to": "bob@example.org", "subject": "Hi", "text": "t"}""";
        HttpResponse<String> a = post(SHOP_SECRET, "shared-key", body("Hi"));
        HttpResponse<String> b = post(OTHER_SECRET, "shared-key", other);

        assertThat(a.statusCode()).isEqualTo(202);
        assertThat(b.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(a.body()).get("id").asText()).isNotEqualTo(JSON.readTree(b.body()).get("id").asText());
    }

    @Test
    void requestWithoutApiKeyShouldBeRefusedWith401() throws Exception {
        HttpResponse<String> response = post(null, "k-401", body("x"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(post("wrong-secret-0123456789", "k-401", body("x")).statusCode()).isEqualTo(401);
    }

    @Test
    void keyThatMayNotSendFromTheSenderDomainShouldBeRefusedWith403() throws Exception {
        HttpResponse<String> response = post(OTHER_SECRET, "k-403", body("x"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("shop.example");
        assertThat(transactionalMessages(MessageIds.forIdempotencyKey("other", "k-403"))).isEmpty();
    }

    @Test
    void invalidRequestShouldListEveryFieldErrorWith400() throws Exception {
        HttpResponse<String> response = post(SHOP_SECRET, "k-400",
                "{\"from\": \"not-an-address\", \"to\": \"\", \"html\": \"<p>x</p>\", \"colour\": \"red\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("from", "to", "subject", "colour");
    }

    @Test
    void lineBreakInSubjectHeaderOrAddressShouldBeRefusedWith400() throws Exception {
        HttpResponse<String> subject = post(SHOP_SECRET, "k-crlf-1", body("Hi\\r\\nBcc: victim@example.net"));
        HttpResponse<String> header = post(SHOP_SECRET, "k-crlf-2", """
                {"from": "orders@shop.example", "to": "alice@example.com", "subject": "s", "text": "t",
                 "headers": {"X-Order": "1\\nBcc: victim@example.net"}}""");
        HttpResponse<String> address = post(SHOP_SECRET, "k-crlf-3", """
                {"from": "orders@shop.example", "to": "alice@example.com\\r\\nBcc: victim@example.net",
                 "subject": "s", "text": "t"}""");
        HttpResponse<String> name = post(SHOP_SECRET, "k-crlf-4", """
                {"from": "orders@shop.example", "fromName": "Shop\\nBcc: victim@example.net", "to": "alice@example.com",
                 "subject": "s", "text": "t"}""");

        assertThat(subject.statusCode()).isEqualTo(400);
        assertThat(subject.body()).contains("subject").contains("CR");
        assertThat(header.statusCode()).isEqualTo(400);
        assertThat(header.body()).contains("headers.X-Order");
        assertThat(address.statusCode()).isEqualTo(400);
        assertThat(address.body()).contains("\"to\"");
        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(name.body()).contains("fromName");
    }

    @Test
    void statusShouldBe404ForUnknownIdsAndFollowDeliveryEvents() throws Exception {
        assertThat(get(SHOP_SECRET, "0123456789abcdef0123456789abcdef").statusCode()).isEqualTo(404);
        assertThat(get(null, "0123456789abcdef0123456789abcdef").statusCode()).isEqualTo(401);

        HttpResponse<String> accepted = post(SHOP_SECRET, "status-1", body("Status"));
        String id = JSON.readTree(accepted.body()).get("id").asText();
        HttpResponse<String> before = get(SHOP_SECRET, id);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(before.body()).get("status").asText()).isEqualTo("ACCEPTED");

        publishDeliveryEvent(id, Outcome.DEFERRED, 421);
        publishDeliveryEvent(id, Outcome.DELIVERED, 250);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(get(SHOP_SECRET, id).body());
            assertThat(status.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(status.get("smtpReplyCode").asInt()).isEqualTo(250);
            assertThat(status.get("recipient").asText()).isEqualTo("alice@example.com");
        });
    }

    @Test
    void aTenantShouldNotReadAnotherTenantsMessageStatus() throws Exception {
        HttpResponse<String> accepted = post(ACME_SECRET, "acme-status-1", """
                {"from": "orders@acme.example", "to": "bob@example.com", "subject": "Receipt", "text": "Thanks"}""");
        String id = JSON.readTree(accepted.body()).get("id").asText();

        assertThat(get(ACME_SECRET, id).statusCode()).isEqualTo(200);
        assertThat(get(BETA_SECRET, id).statusCode()).as("accepted, other tenant").isEqualTo(404);
        assertThat(get(SHOP_SECRET, id).statusCode()).as("accepted, default tenant").isEqualTo(404);

        publishDeliveryEvent(id, Outcome.DELIVERED, 250, "acme");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(JSON.readTree(get(ACME_SECRET, id).body()).get("status").asText()).isEqualTo("DELIVERED"));
        HttpResponse<String> foreign = get(BETA_SECRET, id);
        assertThat(foreign.statusCode()).as("delivered, other tenant").isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("DELIVERED").doesNotContain("bob@");
    }

    @Test
    void aTenantShouldNotSendWithAnotherTenantsTemplateNorWithAnUnknownOne() throws Exception {
        publishTemplate("beta-reset", "beta", 2);
        String request = """
                {"from": "no-reply@%s", "to": "carol@example.com", "template": {"id": "%s", "version": %d},
                 "variables": {"link": "https://x.example/r"}}""";
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                post(BETA_SECRET, "beta-tpl-1", request.formatted("beta.example", "beta-reset", 2)).statusCode()).isEqualTo(202));

        HttpResponse<String> foreign = post(ACME_SECRET, "acme-tpl-1", request.formatted("acme.example", "beta-reset", 1));
        HttpResponse<String> unknown = post(ACME_SECRET, "acme-tpl-2", request.formatted("acme.example", "no-such-template", 1));
        HttpResponse<String> future = post(BETA_SECRET, "beta-tpl-2", request.formatted("beta.example", "beta-reset", 3));

        assertThat(foreign.statusCode()).isEqualTo(422);
        assertThat(foreign.body()).contains("unknown template 'beta-reset'").doesNotContain("beta\"");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("unknown template 'no-such-template'");
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(future.body()).contains("no version 3");
        assertThat(transactionalMessages(MessageIds.forIdempotencyKey("acme", "acme-tpl-1"))).as("nothing published").isEmpty();
        assertThat(transactionalMessages(MessageIds.forIdempotencyKey("beta", "beta-tpl-1"))).singleElement()
                .satisfies(m -> assertThat(m.getTenant()).isEqualTo("beta"));
    }

    private static void publishTemplate(String id, String tenant, int version) throws Exception {
        AvroSerde<Campaign> serde = AvroSerde.forValue(Campaign.class, registry);
        Campaign c = Campaign.newBuilder().setId(id).setVersion(version).setSender(new Sender(null, "no-reply@beta.example"))
                .setSubjectTemplate("Reset").setTextTemplate("{{link}}").setState(CampaignState.SENDING)
                .setUpdatedAt(Instant.now()).setTenant(tenant).build();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.CAMPAIGNS, id, serde.serializer().serialize(Topics.CAMPAIGNS, c))).get();
        }
    }

    private static void publishDeliveryEvent(String messageId, Outcome outcome, int code) throws Exception {
        publishDeliveryEvent(messageId, outcome, code, null);
    }

    private static void publishDeliveryEvent(String messageId, Outcome outcome, int code, String tenant) throws Exception {
        AvroSerde<DeliveryEvent> serde = AvroSerde.forValue(DeliveryEvent.class, registry);
        DeliveryEvent e = DeliveryEvent.newBuilder()
                .setMessageId(messageId).setRecipient("alice@example.com").setOutcome(outcome).setTenant(tenant)
                .setSmtpReplyCode(code).setTimestamp(Instant.now()).setDispatcherId("test").build();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, messageId,
                    serde.serializer().serialize(Topics.DELIVERY_EVENTS, e))).get();
        }
    }

    @Test
    void withMxLookupTheApiShouldRouteAWorkspaceDomainToItsProvidersSite() throws Exception {
        try (io.mailstream.testkit.dns.LocalDnsServer dns = new io.mailstream.testkit.dns.LocalDnsServer()) {
            dns.mx("acme-widgets.io", 1, "aspmx.l.google.com", 300);
            ApiConfig config = ApiConfig.of(0, STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                    List.of(new ApiKey("shop", SHOP_SECRET, Set.of(Domain.of("shop.example")))))
                    .withMxLookup(java.util.Optional.of(new io.mailstream.producer.launch.MxLookupSettings(
                            java.util.Optional.of(dns.address()), Duration.ofSeconds(2))));
            try (ApiServer withLookups = ApiServer.start(config, registry, Clock.systemUTC())) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + withLookups.port() + "/v1/messages"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + SHOP_SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"from": "orders@shop.example", "to": "ann@acme-widgets.io", "subject": "s", "text": "t"}"""))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(202);
                List<MailMessage> published = transactionalMessages(JSON.readTree(response.body()).get("id").asText());
                assertThat(published).singleElement().satisfies(m -> assertThat(m.getRoutingKey()).isEqualTo("site:google"));
            }
        }
    }
}
