package io.mailstream.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.embedded.kafka.EmbeddedKafka;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded registry over real HTTP, as Confluent's registry behaves for third-party clients
 * (kafkajs' confluent-schema-registry among them): schemas are told apart by their own text,
 * not by Avro's parsing canonical form; deletes, /mode, /schemas/types and compatibility against
 * the versions a level checks. Each test uses its own subjects.
 */
class ConfluentSemanticsIT {
    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    private static final String PLAIN_LONG = """
            {"type":"record","name":"Event","namespace":"it","fields":[{"name":"at","type":"long"}]}""";
    private static final String TIMESTAMP_WITH_DEFAULT = """
            {"type":"record","name":"Event","namespace":"it","fields":[
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"},"default":0}]}""";

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistryConfig.forKafka(kafka.bootstrapServers()));
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    private static String record(String name, String fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"it\",\"fields\":[" + fields + "]}";
    }

    private static void assertError(RegistryHttp.Response r, int status, int code) {
        assertThat(r.status()).as("HTTP status of %s", r.body()).isEqualTo(status);
        assertThat(r.body().get("error_code").asInt()).as("error_code of %s", r.body()).isEqualTo(code);
    }

    @Test
    void aLogicalTypeAndADefaultShouldMakeAnotherSchemaWithItsOwnIdAndText() throws Exception {
        int plain = http.postSchema("/subjects/plain-value/versions", PLAIN_LONG).body().get("id").asInt();
        int timestamp = http.postSchema("/subjects/timestamp-value/versions", TIMESTAMP_WITH_DEFAULT).body().get("id").asInt();

        assertThat(timestamp).isNotEqualTo(plain);
        String served = http.get("/subjects/timestamp-value/versions/latest").body().get("schema").asText();
        assertThat(served).contains("timestamp-millis").contains("\"default\":0");
        assertThat(http.get("/schemas/ids/" + timestamp).body().get("schema").asText()).contains("timestamp-millis");
        assertThat(http.get("/schemas/ids/" + plain).body().get("schema").asText()).doesNotContain("timestamp-millis");
    }

    @Test
    void theSameSchemaInOtherWhitespaceShouldKeepItsIdAcrossSubjects() throws Exception {
        int first = http.postSchema("/subjects/same-a/versions", TIMESTAMP_WITH_DEFAULT).body().get("id").asInt();
        int pretty = http.postSchema("/subjects/same-b/versions", TIMESTAMP_WITH_DEFAULT.replace("\n", " ").replace(":", " : "))
                .body().get("id").asInt();

        assertThat(pretty).isEqualTo(first);
    }

    @Test
    void docOnlyDifferencesShouldBeOneSchemaOnlyWhenNormalizeIsAsked() throws Exception {
        String documented = record("Doc", "{\"name\":\"n\",\"type\":\"string\",\"doc\":\"first words\"}");
        String redocumented = record("Doc", "{\"name\":\"n\",\"type\":\"string\",\"doc\":\"other words\"}");
        int v1 = http.postSchema("/subjects/doc-value/versions", documented).body().get("id").asInt();

        int normalized = http.postSchema("/subjects/doc-value/versions?normalize=true", redocumented).body().get("id").asInt();
        int asIs = http.postSchema("/subjects/doc-value/versions", redocumented).body().get("id").asInt();

        assertThat(normalized).isEqualTo(v1);
        assertThat(asIs).isNotEqualTo(v1);
        assertThat(http.get("/subjects/doc-value/versions").body()).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(http.postSchema("/subjects/doc-value?normalize=true", record("Doc",
                "{\"name\":\"n\",\"type\":\"string\"}")).body().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void modeShouldBeReadWriteAndSchemaTypesThoseConfluentServes() throws Exception {
        assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("READWRITE");
        assertThat(http.get("/mode/any-subject").body().get("mode").asText()).isEqualTo("READWRITE");
        assertThat(http.put("/mode", Map.of("mode", "READWRITE")).status()).isEqualTo(200);
        assertError(http.put("/mode", Map.of("mode", "READONLY")), 422, 42204);
        assertThat(http.get("/schemas/types").body()).extracting(JsonNode::asText).containsExactly("AVRO", "JSON", "PROTOBUF");
    }

    @Test
    void schemasOfOtherTypesShouldKeepTheirTypeGetTheirOwnIdsAndNotMixWithAvroInASubject() throws Exception {
        String text = "{\"type\":\"string\"}"; // both a valid Avro schema and a valid JSON Schema
        int avro = http.postSchema("/subjects/typed-avro-value/versions", text).body().get("id").asInt();
        RegistryHttp.Response json = http.post("/subjects/typed-json-value/versions", Map.of("schemaType", "JSON", "schema", text));
        int jsonId = json.body().get("id").asInt();

        assertThat(jsonId).isNotEqualTo(avro);
        assertThat(http.get("/schemas/ids/" + jsonId).body().get("schemaType").asText()).isEqualTo("JSON");
        assertThat(http.get("/schemas/ids/" + avro).body().has("schemaType")).as("left out for Avro, as Confluent does").isFalse();
        assertThat(http.get("/subjects/typed-json-value/versions/1").body().get("schemaType").asText()).isEqualTo("JSON");
        assertError(http.post("/subjects/typed-avro-value/versions", Map.of("schemaType", "PROTOBUF",
                "schema", "syntax = \"proto3\"; message M {}")), 409, 409);
        assertError(http.post("/subjects/typed-x-value/versions", Map.of("schemaType", "XML", "schema", "<a/>")), 422, 42201);
    }

    @Test
    void versionsShouldBeSoftDeletedBeforeTheyCanBeDeletedForGood() throws Exception {
        String v1 = record("Del", "{\"name\":\"a\",\"type\":\"string\"}");
        String v2 = record("Del", "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":1}");
        int id1 = http.postSchema("/subjects/del-value/versions", v1).body().get("id").asInt();
        http.postSchema("/subjects/del-value/versions", v2);

        assertError(http.delete("/subjects/del-value/versions/1?permanent=true"), 404, 40407);
        assertThat(http.delete("/subjects/del-value/versions/1").body().asInt()).isEqualTo(1);
        assertError(http.delete("/subjects/del-value/versions/1"), 404, 40406);
        assertThat(http.get("/subjects/del-value/versions").body()).extracting(JsonNode::asInt).containsExactly(2);
        assertThat(http.get("/subjects/del-value/versions?deleted=true").body()).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(http.get("/schemas/ids/" + id1).status()).isEqualTo(200);

        assertThat(http.delete("/subjects/del-value/versions/1?permanent=true").body().asInt()).isEqualTo(1);
        assertError(http.get("/schemas/ids/" + id1), 404, 40403);
        assertThat(http.get("/subjects/del-value/versions?deleted=true").body()).extracting(JsonNode::asInt).containsExactly(2);
    }

    @Test
    void subjectsShouldBeSoftDeletedBeforeTheyCanBeDeletedForGood() throws Exception {
        int id = http.postSchema("/subjects/gone-value/versions", record("Gone", "{\"name\":\"g\",\"type\":\"long\"}"))
                .body().get("id").asInt();

        assertError(http.delete("/subjects/gone-value?permanent=true"), 404, 40405);
        assertThat(http.delete("/subjects/gone-value").body()).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(http.get("/subjects").body()).extracting(JsonNode::asText).doesNotContain("gone-value");
        assertThat(http.get("/subjects?deleted=true").body()).extracting(JsonNode::asText).contains("gone-value");
        assertError(http.delete("/subjects/gone-value"), 404, 40404);
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);

        assertThat(http.delete("/subjects/gone-value?permanent=true").body()).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(http.get("/subjects?deleted=true").body()).extracting(JsonNode::asText).doesNotContain("gone-value");
        assertError(http.get("/schemas/ids/" + id), 404, 40403);
        assertError(http.delete("/subjects/gone-value"), 404, 40401);
        assertError(http.delete("/subjects/never-there"), 404, 40401);
    }

    @Test
    void aBodyLargerThanFourMebibytesShouldBeRefusedWith413() throws Exception {
        String huge = record("Huge", "{\"name\":\"h\",\"type\":\"string\",\"doc\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}");

        assertError(http.postSchema("/subjects/huge-value/versions", huge), 413, 413);
        assertError(http.get("/subjects/huge-value/versions"), 404, 40401);
    }

    @Test
    void compatibilityForAnUnknownSubjectShouldAnswer40401() throws Exception {
        assertError(http.postSchema("/compatibility/subjects/unknown-value/versions/latest", PLAIN_LONG), 404, 40401);
        assertError(http.postSchema("/compatibility/subjects/unknown-value/versions", PLAIN_LONG), 404, 40401);
    }

    @Test
    void compatibilityAgainstAllVersionsShouldFollowTheSubjectsLevel() throws Exception {
        http.postSchema("/subjects/trans-value/versions", record("T", "{\"name\":\"x\",\"type\":\"string\"}"));
        http.postSchema("/subjects/trans-value/versions", record("T",
                "{\"name\":\"x\",\"type\":\"string\"},{\"name\":\"y\",\"type\":\"int\",\"default\":1}"));
        // reads version 2's data (has y) but not version 1's (no y, and no default here)
        String candidate = record("T", "{\"name\":\"y\",\"type\":\"int\"}");

        http.put("/config/trans-value", Map.of("compatibility", "BACKWARD"));
        boolean againstLatest = http.postSchema("/compatibility/subjects/trans-value/versions", candidate)
                .body().get("is_compatible").asBoolean();
        http.put("/config/trans-value", Map.of("compatibility", "BACKWARD_TRANSITIVE"));
        JsonNode againstAll = http.postSchema("/compatibility/subjects/trans-value/versions?verbose=true", candidate).body();

        assertThat(againstLatest).isTrue();
        assertThat(againstAll.get("is_compatible").asBoolean()).isFalse();
        assertThat(againstAll.get("messages")).isNotEmpty();
    }
}
