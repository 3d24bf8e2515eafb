package io.mailstream.bounces.api;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.support.TopicReader;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import io.mailstream.testkit.PipelineStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The suppression REST API of a running bounce processor on the real embedded stack. */
class SuppressionApiIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    static Path stateDir;

    private static BounceProcessor processor;
    private static AvroSerde<Suppression> serde;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                        ReceiverConfig.of(RETURN_PATHS, 0))
                .withStateDir(stateDir)
                .withApplicationId("bounce-api-it-" + UUID.randomUUID());
        processor = BounceProcessor.start(config);
        serde = AvroSerde.forValue(Suppression.class,
                new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl())));
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.httpPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ConsumerRecord<String, byte[]>> suppressionRecords(String key) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(STACK.bootstrapServers(), Topics.SUPPRESSIONS)) {
            if (key.equals(r.key())) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void addedSuppressionShouldBeCheckableListedExportedOnTheTopicAndRemovedByATombstone() throws Exception {
        HttpResponse<String> added = send("POST", "/suppressions",
                "{\"address\": \"Someone@Example.ORG\", \"reason\": \"customer asked\", \"for\": \"P30D\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.headers().firstValue("Location")).hasValue("/suppressions/someone@example.org");

        // the dispatcher-facing topic has it at once (the POST answered after Kafka acknowledged it)
        assertThat(suppressionRecords("someone@example.org")).singleElement().satisfies(r -> {
            Suppression s = serde.decode(r);
            assertThat(s.getSource()).isEqualTo(SuppressionSource.MANUAL);
            assertThat(s.getReason()).isEqualTo("customer asked");
            assertThat(s.getExpiresAt()).isNotNull();
        });

        // the store follows the topic: wait until the check shows it
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> check = send("GET", "/suppressions/someone@example.org", null);
            assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
            JsonNode n = JSON.readTree(check.body());
            assertThat(n.get("address").asText()).isEqualTo("someone@example.org");
            assertThat(n.get("reason").asText()).isEqualTo("customer asked");
            assertThat(n.get("active").asBoolean()).isTrue();
        });

        HttpResponse<String> list = send("GET", "/suppressions?limit=1000", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).get("items").findValuesAsText("address")).contains("someone@example.org");

        HttpResponse<String> csv = send("GET", "/suppressions/export?format=csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("address,source,reason").contains("someone@example.org,MANUAL,customer asked,");

        HttpResponse<String> deleted = send("DELETE", "/suppressions/someone@example.org", null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(suppressionRecords("someone@example.org")).hasSize(2).last()
                .satisfies(r -> assertThat(r.value()).as("tombstone").isNull());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(send("GET", "/suppressions/someone@example.org", null).statusCode()).isEqualTo(404));
    }

    @Test
    void listShouldPageInAddressOrder() throws Exception {
        for (String a : List.of("page-c@example.net", "page-a@example.net", "page-b@example.net")) {
            assertThat(send("POST", "/suppressions", "{\"address\": \"" + a + "\"}").statusCode()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(send("GET", "/suppressions/page-c@example.net", null).statusCode()).isEqualTo(200));
        List<String> seen = new ArrayList<>();
        String after = "page-@example.net"; // sorts before page-a
        for (int pages = 0; pages < 10; pages++) {
            JsonNode page = JSON.readTree(send("GET", "/suppressions?limit=2&after=" + after, null).body());
            page.get("items").forEach(i -> seen.add(i.get("address").asText()));
            if (page.get("next").isNull()) {
                break;
            }
            after = page.get("next").asText();
        }
        assertThat(seen.stream().filter(a -> a.startsWith("page-")).toList())
                .containsExactly("page-a@example.net", "page-b@example.net", "page-c@example.net");
    }

    @Test
    void theSignedPageThenItsOneClickPostShouldSuppressPermanently() throws Exception {
        assertThat(send("POST", "/unsubscribe?address=reader%40example.com", "List-Unsubscribe=One-Click").statusCode())
                .as("the unsigned endpoint that let anyone unsubscribe anyone is gone").isEqualTo(404);
        String token = new UnsubscribeTokens(RETURN_PATHS.keys()).sign(
                new UnsubscribeTokens.Claim("m-reader", EmailAddress.parse("reader@example.com"), Optional.of("news")));
        HttpResponse<String> page = send("GET", "/u/" + token, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(suppressionRecords("reader@example.com")).as("a GET changes nothing").isEmpty();

        HttpResponse<String> r = send("POST", "/u/" + token, "List-Unsubscribe=One-Click");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(suppressionRecords("reader@example.com")).singleElement().satisfies(rec -> {
            Suppression s = serde.decode(rec);
            assertThat(s.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
            assertThat(s.getExpiresAt()).isNull();
        });
    }

    @Test
    void badInputShouldGet400WithWhatWasWrongAndWriteNothing() throws Exception {
        int before = TopicReader.readAll(STACK.bootstrapServers(), Topics.SUPPRESSIONS).size();

        HttpResponse<String> crlf = send("POST", "/suppressions", "{\"address\": \"evil@example.com\\r\\nBcc: x@example.net\"}");
        assertThat(crlf.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(crlf.body()).get("errors").get(0).get("field").asText()).isEqualTo("address");
        assertThat(crlf.body()).contains("control character");

        HttpResponse<String> malformed = send("GET", "/suppressions/not-an-address", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("no '@'").contains("path");

        HttpResponse<String> crlfInPath = send("DELETE", "/suppressions/a%0D%0A@example.com", null);
        assertThat(crlfInPath.statusCode()).isEqualTo(400);
        assertThat(crlfInPath.body()).contains("control character");

        HttpResponse<String> notJson = send("POST", "/suppressions", "address=a@example.com");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");

        HttpResponse<String> badExpiry = send("POST", "/suppressions", "{\"address\": \"a@example.com\", \"for\": \"30 days\", \"colour\": 1}");
        assertThat(badExpiry.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badExpiry.body()).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("for", "colour");

        HttpResponse<String> badLimit = send("GET", "/suppressions?limit=0", null);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit must be a number from 1 to 1000");

        String token = new UnsubscribeTokens(RETURN_PATHS.keys()).sign(
                new UnsubscribeTokens.Claim("m-a", EmailAddress.parse("a@example.com"), Optional.empty()));
        assertThat(send("POST", "/u/" + token, "yes please").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/u/" + token.substring(0, token.length() - 2), "List-Unsubscribe=One-Click").statusCode())
                .isEqualTo(404);

        assertThat(TopicReader.readAll(STACK.bootstrapServers(), Topics.SUPPRESSIONS)).hasSize(before);
    }
}
