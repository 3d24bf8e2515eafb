package io.mailstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.producer.api.status.StatusStoreConfig;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status of a transactional message is answered whatever the campaign volume and after a restart
 * of the API: a million campaign delivery events (written directly, as dispatchers would, without SMTP)
 * follow the transactional message's own event, and a new API process still answers it.
 */
class TransactionalStatusIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TransactionalStatusIT.class);
    private static final int CAMPAIGN_EVENTS = 1_000_000;
    private static final String ACME_SECRET = "acme-secret-0123456789";
    private static final String BETA_SECRET = "beta-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void statusShouldBeAnsweredAfterAMillionCampaignEventsAndAfterARestartOfTheApi() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        ApiConfig config = ApiConfig.of(0, STACK.bootstrapServers(), STACK.schemaRegistryUrl(), List.of(
                new ApiKey("acme", ACME_SECRET, Set.of(Domain.of("acme.example")), TenantId.of("acme")),
                new ApiKey("beta", BETA_SECRET, Set.of(Domain.of("beta.example")), TenantId.of("beta"))));
        String id;
        try (ApiServer api = ApiServer.start(config, registry, Clock.systemUTC())) {
            HttpResponse<String> accepted = post(api, ACME_SECRET, """
                    {"from": "no-reply@acme.example", "to": "dave@example.com", "subject": "Reset", "text": "..."}""");
            assertThat(accepted.statusCode()).isEqualTo(202);
            id = JSON.readTree(accepted.body()).get("id").asText();

            long t0 = System.nanoTime();
            publishEvents(registry, id);
            long t1 = System.nanoTime();
            awaitStatusStoreCaughtUp();
            LOG.info("{} campaign events written in {} ms, read by the status store {} ms later", CAMPAIGN_EVENTS,
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            assertThat(status(api, ACME_SECRET, id)).isEqualTo("200 DELIVERED");
            assertThat(statusNow(api, BETA_SECRET, id)).isEqualTo("404");
        }
        // A new process (a fresh local store) restores from mail.transactional-status, not from this process's memory.
        try (ApiServer restarted = ApiServer.start(config, registry, Clock.systemUTC())) {
            assertThat(status(restarted, ACME_SECRET, id)).isEqualTo("200 DELIVERED");
            assertThat(statusNow(restarted, BETA_SECRET, id)).isEqualTo("404");
            assertThat(statusNow(restarted, ACME_SECRET, MessageIds.forCampaign("newsletter",
                    io.mailstream.schemas.address.EmailAddress.parse("user7@example.com")))).as("campaign ids are not kept")
                    .isEqualTo("404");
        }
    }

    /** The transactional message's outcome, then a million campaign outcomes after it. */
    private static void publishEvents(SchemaRegistry registry, String transactionalId) throws Exception {
        AvroSerializer<DeliveryEvent> serializer = AvroSerde.forValue(DeliveryEvent.class, registry).serializer();
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, transactionalId, serializer.serialize(Topics.DELIVERY_EVENTS,
                    DeliveryEvent.newBuilder().setMessageId(transactionalId).setRecipient("dave@example.com")
                            .setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250).setTimestamp(now).setDispatcherId("it")
                            .setTenant("acme").build()))).get();
            DeliveryEvent.Builder campaign = DeliveryEvent.newBuilder().setCampaignId("newsletter").setOutcome(Outcome.DELIVERED)
                    .setSmtpReplyCode(250).setTimestamp(now).setDispatcherId("it").setTenant("acme");
            for (int i = 0; i < CAMPAIGN_EVENTS; i++) {
                String recipient = "user" + i + "@example.com";
                String messageId = MessageIds.forCampaign("newsletter", io.mailstream.schemas.address.EmailAddress.parse(recipient));
                p.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, messageId, serializer.serialize(Topics.DELIVERY_EVENTS,
                        campaign.setMessageId(messageId).setRecipient(recipient).build())));
            }
            p.flush();
        }
    }

    /** The replicas' shared Streams group has read every delivery event written so far. */
    private static void awaitStatusStoreCaughtUp() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        StatusStoreConfig.DEFAULT_APPLICATION_ID).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                admin.describeTopics(List.of(Topics.DELIVERY_EVENTS)).allTopicNames().get().get(Topics.DELIVERY_EVENTS)
                        .partitions().forEach(p -> latest.put(new TopicPartition(Topics.DELIVERY_EVENTS, p.partition()),
                                OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
            });
        }
    }

    private static HttpResponse<String> post(ApiServer api, String secret, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/v1/messages"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** "{http status} {message status}" of GET, once the store has had a moment to see the status record. */
    private static String status(ApiServer api, String secret, String id) throws Exception {
        String[] answer = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            answer[0] = statusNow(api, secret, id);
            return answer[0].startsWith("200");
        });
        return answer[0];
    }

    private static String statusNow(ApiServer api, String secret, String id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port()
                + "/v1/messages/" + id)).header("Authorization", "Bearer " + secret).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + (r.statusCode() == 200 ? " " + JSON.readTree(r.body()).get("status").asText() : "");
    }
}
