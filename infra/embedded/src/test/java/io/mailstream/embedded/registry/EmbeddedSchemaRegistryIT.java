package io.mailstream.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.embedded.kafka.EmbeddedKafka;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedSchemaRegistryIT {
    private static EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private RegistryHttp http;

    private static final String V1 = SchemaBuilder.record("User").namespace("t").fields()
            .requiredString("name").endRecord().toString();
    /** Adds a field with a default: backward compatible with V1. */
    private static final String V2 = SchemaBuilder.record("User").namespace("t").fields()
            .requiredString("name").name("age").type().intType().intDefault(0).endRecord().toString();
    /** Adds a field without default: not backward compatible with V2. */
    private static final String V3_BAD = SchemaBuilder.record("User").namespace("t").fields()
            .requiredString("name").name("age").type().intType().intDefault(0).requiredString("email").endRecord().toString();

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistryConfig.forKafka(kafka.bootstrapServers()));
        http = new RegistryHttp(registry.url());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void registerShouldAssignGlobalIdsAndReuseThemForEqualSchemas() throws Exception {
        int id1 = http.postSchema("/subjects/users-value/versions", V1).body().get("id").asInt();
        int again = http.postSchema("/subjects/users-value/versions", pretty(V1)).body().get("id").asInt();
        int otherSubject = http.postSchema("/subjects/people-value/versions", V1).body().get("id").asInt();
        int id2 = http.postSchema("/subjects/users-value/versions", V2).body().get("id").asInt();

        assertThat(id1).isPositive();
        assertThat(again).isEqualTo(id1);
        assertThat(otherSubject).isEqualTo(id1);
        assertThat(id2).isEqualTo(id1 + 1);

        assertThat(new Schema.Parser().parse(http.get("/schemas/ids/" + id2).body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(V2));
        assertThat(http.get("/subjects").body()).extracting(n -> n.asText()).contains("users-value", "people-value");
        assertThat(http.get("/subjects/users-value/versions").body()).extracting(n -> n.asInt()).containsExactly(1, 2);

        RegistryHttp.Response latest = http.get("/subjects/users-value/versions/latest");
        assertThat(latest.body().get("subject").asText()).isEqualTo("users-value");
        assertThat(latest.body().get("version").asInt()).isEqualTo(2);
        assertThat(latest.body().get("id").asInt()).isEqualTo(id2);
        assertThat(http.get("/subjects/users-value/versions/1").body().get("id").asInt()).isEqualTo(id1);

        RegistryHttp.Response lookup = http.postSchema("/subjects/users-value", V1);
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.body().get("version").asInt()).isEqualTo(1);
        assertThat(lookup.body().get("id").asInt()).isEqualTo(id1);
    }

    @Test
    void incompatibleSchemaShouldGet409AndCompatibilityEndpointShouldSaySo() throws Exception {
        http.postSchema("/subjects/compat-value/versions", V1);
        http.postSchema("/subjects/compat-value/versions", V2);

        assertThat(http.postSchema("/compatibility/subjects/compat-value/versions/latest", V3_BAD).body()
                .get("is_compatible").asBoolean()).isFalse();
        assertThat(http.postSchema("/compatibility/subjects/compat-value/versions/latest", V2).body()
                .get("is_compatible").asBoolean()).isTrue();

        RegistryHttp.Response refused = http.postSchema("/subjects/compat-value/versions", V3_BAD);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("error_code").asInt()).isEqualTo(409);
        assertThat(refused.body().get("message").asText()).contains("incompatible");

        assertThat(http.put("/config/compat-value", Map.of("compatibility", "NONE")).body().get("compatibility").asText())
                .isEqualTo("NONE");
        assertThat(http.get("/config/compat-value").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(http.postSchema("/subjects/compat-value/versions", V3_BAD).status()).isEqualTo(200);
    }

    @Test
    void errorsShouldUseConfluentCodes() throws Exception {
        assertError(http.get("/schemas/ids/987654"), 404, 40403);
        assertError(http.get("/subjects/nobody/versions"), 404, 40401);
        http.postSchema("/subjects/errs-value/versions", V1);
        assertError(http.get("/subjects/errs-value/versions/7"), 404, 40402);
        assertError(http.postSchema("/subjects/errs-value", V2), 404, 40403);
        assertError(http.postSchema("/subjects/errs-value/versions", "{\"type\":\"record\""), 422, 42201);
        assertError(http.put("/config", Map.of("compatibility", "SIDEWAYS")), 422, 42203);
        assertThat(http.get("/schemas/ids/987654").body().get("message").asText()).isEqualTo("Schema not found");
    }

    @Test
    void aNewRegistryOnTheSameBrokerShouldKeepIdsAndContinueNumbering() throws Exception {
        String a = SchemaBuilder.record("A").namespace("restart").fields().requiredLong("x").endRecord().toString();
        String b = SchemaBuilder.record("B").namespace("restart").fields().requiredLong("y").endRecord().toString();
        String c = SchemaBuilder.record("C").namespace("restart").fields().requiredLong("z").endRecord().toString();
        int idA = http.postSchema("/subjects/restart-a/versions", a).body().get("id").asInt();
        int idB = http.postSchema("/subjects/restart-b/versions", b).body().get("id").asInt();
        http.put("/config/restart-a", Map.of("compatibility", "FULL"));
        registry.close();

        registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistryConfig.forKafka(kafka.bootstrapServers()));
        http = new RegistryHttp(registry.url());

        assertThat(http.postSchema("/subjects/restart-a/versions", a).body().get("id").asInt()).isEqualTo(idA);
        assertThat(http.postSchema("/subjects/restart-b/versions", b).body().get("id").asInt()).isEqualTo(idB);
        assertThat(http.get("/schemas/ids/" + idA).status()).isEqualTo(200);
        assertThat(http.get("/subjects/restart-b/versions").body()).extracting(n -> n.asInt()).containsExactly(1);
        assertThat(http.get("/config/restart-a").body().get("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(http.postSchema("/subjects/restart-c/versions", c).body().get("id").asInt())
                .isEqualTo(Math.max(idA, idB) + 1);
    }

    private static void assertError(RegistryHttp.Response r, int status, int code) {
        assertThat(r.status()).as("HTTP status of %s", r.body()).isEqualTo(status);
        assertThat(r.body().get("error_code").asInt()).isEqualTo(code);
    }

    /** The same schema with other whitespace and field order of attributes: same canonical form. */
    private static String pretty(String schema) {
        return new Schema.Parser().parse(schema).toString(true);
    }

}
