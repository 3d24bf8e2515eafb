package io.mailstream.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.embedded.kafka.EmbeddedKafka;
import io.mailstream.schemas.registry.IncompatibleSchemaException;
import io.mailstream.schemas.registry.NotAvroSchemaException;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.registry.UnknownSchemaIdException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.WireFormat;
import io.mailstream.schemas.serde.WireFormatException;
import java.net.ServerSocket;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our REST client (module schemas) against a registry speaking Confluent's API over HTTP. */
class RestSchemaRegistryClientIT {
    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;

    private static final Schema V1 = SchemaBuilder.record("Account").namespace("client.it").fields()
            .requiredString("name").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Account").namespace("client.it").fields()
            .requiredString("name").name("age").type().intType().intDefault(0).endRecord();
    private static final Schema BREAKING = SchemaBuilder.record("Account").namespace("client.it").fields()
            .requiredString("name").name("age").type().intType().intDefault(0).requiredString("email").endRecord();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistryConfig.forKafka(kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    private static RestSchemaRegistryClient client() {
        return new RestSchemaRegistryClient(SchemaRegistryConfig.of(registry.url() + "/"));
    }

    @Test
    void registerShouldReturnOneIdPerSchemaAndFetchItBackById() {
        RestSchemaRegistryClient client = client();
        int v1 = client.register("accounts-value", V1);
        assertThat(client.register("accounts-value", V1)).isEqualTo(v1);
        int v2 = client.register("accounts-value", V2);

        assertThat(v2).isNotEqualTo(v1);
        RestSchemaRegistryClient fresh = client();
        assertThat(fresh.schemaById(v1)).isEqualTo(V1);
        assertThat(fresh.schemaById(v2)).isEqualTo(V2);
        assertThat(fresh.latest("accounts-value")).hasValueSatisfying(r -> {
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.id()).isEqualTo(v2);
        });
        assertThat(fresh.latest("no-such-subject-value")).isEmpty();
    }

    @Test
    void compatibilityShouldBeCheckedByTheRegistry() {
        RestSchemaRegistryClient client = client();
        client.register("compat-value", V1);
        client.register("compat-value", V2);

        assertThat(client.isCompatible("compat-value", V2)).isTrue();
        assertThat(client.isCompatible("compat-value", BREAKING)).isFalse();
        assertThat(client.isCompatible("brand-new-value", BREAKING)).isTrue();
        assertThatThrownBy(() -> client.register("compat-value", BREAKING))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("compat-value");
    }

    @Test
    void unknownIdShouldBeReportedWithTheId() {
        assertThatThrownBy(() -> client().schemaById(987_654))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class,
                        e -> assertThat(e.schemaId()).isEqualTo(987_654))
                .hasMessageContaining("987654");
    }

    static final String PROTO = "syntax = \"proto3\";\npackage client.it;\nmessage Ping { string text = 1; }\n";

    @Test
    void protobufSchemaIdShouldBeReportedAsNotAvroAndItsRecordsAsCorrupt() throws Exception {
        RegistryHttp http = new RegistryHttp(registry.url());
        RegistryHttp.Response registered = http.post("/subjects/pings-value/versions",
                java.util.Map.of("schemaType", "PROTOBUF", "schema", PROTO));
        assertThat(registered.status()).isEqualTo(200);
        int id = registered.body().get("id").asInt();
        assertThat(http.get("/schemas/ids/" + id).body().get("schemaType").asText()).isEqualTo("PROTOBUF");

        assertThatThrownBy(() -> client().schemaById(id))
                .isInstanceOfSatisfying(NotAvroSchemaException.class, e -> {
                    assertThat(e.schemaId()).isEqualTo(id);
                    assertThat(e.schemaType()).isEqualTo("PROTOBUF");
                    assertThat(e.isTransient()).isFalse();
                });
        // Confluent's Protobuf framing: magic byte, id, message-index list (0 = first message), payload.
        byte[] framed = WireFormat.frame(id, new byte[] {0x00, 0x0a, 0x02, 'h', 'i'});
        assertThatThrownBy(() -> AvroSerde.forValue(Suppression.class, client()).deserializer().deserialize("pings", framed))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("PROTOBUF");
    }

    @Test
    void serdeShouldRoundTripThroughTheRegistryInTheWireFormat() {
        AvroSerde<Suppression> writerSide = AvroSerde.forValue(Suppression.class, client());
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Suppression s = Suppression.newBuilder().setAddress("ann@example.com").setReason("userunknown")
                .setSource(SuppressionSource.BOUNCE).setFirstSeen(now).setLastSeen(now).setCount(1).build();

        byte[] bytes = writerSide.serializer().serialize("mail.suppressions", s);

        WireFormat.Framed framed = WireFormat.unframe("mail.suppressions", bytes);
        assertThat(bytes[0]).isZero();
        assertThat(client().schemaById(framed.schemaId())).isEqualTo(Suppression.getClassSchema());
        // A reader with an empty cache resolves the id over HTTP, as another service would.
        AvroSerde<Suppression> readerSide = AvroSerde.forValue(Suppression.class, client());
        assertThat(readerSide.deserializer().deserialize("mail.suppressions", bytes)).isEqualTo(s);
    }

    @Test
    void unreachableRegistryShouldFailWithTheUrlAndBeTransient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RestSchemaRegistryClient down = new RestSchemaRegistryClient(SchemaRegistryConfig.of("http://localhost:" + closedPort));
        assertThatThrownBy(() -> down.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("localhost:" + closedPort)
                .hasMessageContaining("unreachable");
    }
}
