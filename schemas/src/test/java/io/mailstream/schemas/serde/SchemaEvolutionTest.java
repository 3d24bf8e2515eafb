package io.mailstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.registry.IncompatibleSchemaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schemas evolve BACKWARD (the registry's default): a consumer on the current schema reads every
 * record its producers wrote with an earlier one. That holds only while new fields have defaults.
 */
class SchemaEvolutionTest {
    private static final Path AVRO_DIR = Path.of("src/main/avro");

    /** MailMessage as it might have been first published: no fromName, inline, headers, priority, expiry or retry fields. */
    private static final Schema MAIL_MESSAGE_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "MailMessage", "namespace": "io.mailstream.avro", "fields": [
              {"name": "messageId", "type": "string"},
              {"name": "campaignId", "type": ["null", "string"], "default": null},
              {"name": "kind", "type": {"type": "enum", "name": "MessageKind", "symbols": ["CAMPAIGN", "TRANSACTIONAL"]}},
              {"name": "from", "type": "string"},
              {"name": "to", "type": "string"},
              {"name": "recipientDomain", "type": "string"},
              {"name": "routingKey", "type": "string"},
              {"name": "variables", "type": {"type": "map", "values": "string"}, "default": {}},
              {"name": "createdAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    @Test
    void recordWrittenWithV1ReadsIntoTheCurrentClassWithDefaultsFilled() throws IOException {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        int v1Id = registry.register("mail.outbound-value", MAIL_MESSAGE_V1);
        int currentId = registry.register("mail.outbound-value", MailMessage.getClassSchema());
        assertThat(currentId).isNotEqualTo(v1Id);

        GenericRecord old = new GenericData.Record(MAIL_MESSAGE_V1);
        old.put("messageId", "m-1");
        old.put("campaignId", "c-1");
        old.put("kind", new GenericData.EnumSymbol(MAIL_MESSAGE_V1.getField("kind").schema(), "CAMPAIGN"));
        old.put("from", "news@shop.example");
        old.put("to", "ann@gmail.com");
        old.put("recipientDomain", "gmail.com");
        old.put("routingKey", "gmail.com#3");
        old.put("variables", Map.of("first", "Ann"));
        old.put("createdAt", 1_700_000_000_000L);
        byte[] framed = WireFormat.frame(v1Id, avroBinary(MAIL_MESSAGE_V1, old));

        MailMessage read = AvroSerde.forValue(MailMessage.class, registry).deserializer().deserialize("mail.outbound", framed);

        assertThat(read.getMessageId()).isEqualTo("m-1");
        assertThat(read.getCampaignId()).isEqualTo("c-1");
        assertThat(read.getKind()).isEqualTo(MessageKind.CAMPAIGN);
        assertThat(read.getRoutingKey()).isEqualTo("gmail.com#3");
        assertThat(read.getVariables()).containsExactly(Map.entry("first", "Ann"));
        assertThat(read.getCreatedAt().toEpochMilli()).isEqualTo(1_700_000_000_000L);
        // fields v1 did not have come from the defaults in MailMessage.avsc
        assertThat(read.getFromName()).isNull();
        assertThat(read.getTemplate()).isNull();
        assertThat(read.getInline()).isNull();
        assertThat(read.getHeaders()).isEmpty();
        assertThat(read.getPriority()).isZero();
        assertThat(read.getExpiresAt()).isNull();
        assertThat(read.getAttempt()).isZero();
        assertThat(read.getNotBefore()).isNull();
    }

    @Test
    void registryRefusesANewVersionWhoseNewFieldHasNoDefault() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("mail.outbound-value", MailMessage.getClassSchema());
        List<Schema.Field> fields = copyFields(MailMessage.getClassSchema().getFields());
        fields.add(new Schema.Field("region", Schema.create(Schema.Type.STRING)));
        Schema withoutDefault = record(MailMessage.getClassSchema(), fields);

        assertThat(compatibility(withoutDefault, MailMessage.getClassSchema())).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThatThrownBy(() -> registry.register("mail.outbound-value", withoutDefault))
                .isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining("mail.outbound-value");
    }

    /** Suppression as published before it kept its parts (every writer up to issue 13). */
    private static final Schema SUPPRESSION_WITHOUT_PARTS = new Schema.Parser().parse("""
            {"type": "record", "name": "Suppression", "namespace": "io.mailstream.avro", "fields": [
              {"name": "address", "type": "string"},
              {"name": "reason", "type": "string"},
              {"name": "source", "type": {"type": "enum", "name": "SuppressionSource", "symbols": ["BOUNCE", "COMPLAINT", "UNSUBSCRIBE", "MANUAL"]}},
              {"name": "firstSeen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "lastSeen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "count", "type": "int", "default": 1},
              {"name": "expiresAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null}
            ]}""");

    @Test
    void suppressionWrittenBeforePartsExistedReadsWithNoPartsAndTheRegistryTakesTheNewVersion() throws IOException {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        int oldId = registry.register("mail.suppressions-value", SUPPRESSION_WITHOUT_PARTS);
        registry.register("mail.suppressions-value", Suppression.getClassSchema());

        GenericRecord old = new GenericData.Record(SUPPRESSION_WITHOUT_PARTS);
        old.put("address", "ann@example.org");
        old.put("reason", "unsubscribe");
        old.put("source", new GenericData.EnumSymbol(SUPPRESSION_WITHOUT_PARTS.getField("source").schema(), "UNSUBSCRIBE"));
        old.put("firstSeen", 1_700_000_000_000L);
        old.put("lastSeen", 1_700_000_000_000L);
        old.put("count", 1);
        old.put("expiresAt", null);
        byte[] framed = WireFormat.frame(oldId, avroBinary(SUPPRESSION_WITHOUT_PARTS, old));

        Suppression read = AvroSerde.forValue(Suppression.class, registry).deserializer().deserialize("mail.suppressions", framed);

        assertThat(read.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
        assertThat(read.getExpiresAt()).isNull();
        assertThat(read.getParts()).isEmpty();
    }

    static Stream<Schema> publishedSchemas() {
        try (Stream<Path> files = Files.walk(AVRO_DIR)) {
            List<Schema> schemas = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                schemas.add(new Schema.Parser().parse(p.toFile()));
            }
            return schemas.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyPublishedSchemaIsFound() {
        assertThat(publishedSchemas().map(Schema::getName))
                .containsExactlyInAnyOrder("Campaign", "DeliveryEvent", "MailMessage", "AdaptiveState", "RawBounce", "ShardMap", "Suppression",
                        "WarmupCounter", "TlsReportEntry", "GuardDecision", "EngagementEvent", "ReceivedBounce");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedSchemas")
    void everyNullableFieldHasADefault(Schema schema) {
        List<String> missing = new ArrayList<>();
        collectNullableWithoutDefault(schema, schema.getName(), missing, new ArrayList<>());

        assertThat(missing).as("nullable fields without a default in %s", schema.getName()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedSchemas")
    void generatedClassMatchesTheAvscFile(Schema schema) throws ClassNotFoundException {
        Class<?> generated = Class.forName(schema.getFullName());

        // stringType=String makes the generated schema carry "avro.java.string" hints; they change no byte on the wire
        String generatedJson = SpecificData.get().getSchema(generated).toString()
                .replace("{\"type\":\"string\",\"avro.java.string\":\"String\"}", "\"string\"")
                .replace(",\"avro.java.string\":\"String\"", "");

        assertThat(generatedJson).isEqualTo(schema.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedSchemas")
    void everySchemaIsBackwardCompatibleWithItself(Schema schema) {
        assertThat(compatibility(schema, schema)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedSchemas")
    void everySchemaReadsItsV1WithoutTheDefaultedFields(Schema schema) {
        // The v1 of a schema is at most its required fields: every field with a default may have
        // been added later, so the current reader must cope with a writer that lacks all of them.
        List<Schema.Field> required = copyFields(schema.getFields().stream().filter(f -> !f.hasDefaultValue()).toList());
        Schema v1 = record(schema, required);

        assertThat(compatibility(schema, v1)).as(SchemaCompatibility.checkReaderWriterCompatibility(schema, v1).getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void handWrittenMailMessageV1IsReadableByTheCurrentSchema() {
        assertThat(compatibility(MailMessage.getClassSchema(), MAIL_MESSAGE_V1)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static void collectNullableWithoutDefault(Schema schema, String path, List<String> missing, List<Schema> seen) {
        if (schema.getType() == Schema.Type.UNION) {
            schema.getTypes().forEach(t -> collectNullableWithoutDefault(t, path, missing, seen));
        } else if (schema.getType() == Schema.Type.ARRAY) {
            collectNullableWithoutDefault(schema.getElementType(), path + "[]", missing, seen);
        } else if (schema.getType() == Schema.Type.MAP) {
            collectNullableWithoutDefault(schema.getValueType(), path + "{}", missing, seen);
        } else if (schema.getType() == Schema.Type.RECORD && seen.stream().noneMatch(s -> s == schema)) {
            seen.add(schema);
            for (Schema.Field f : schema.getFields()) {
                String fieldPath = path + "." + f.name();
                if (f.schema().isNullable() && !f.hasDefaultValue()) {
                    missing.add(fieldPath);
                }
                collectNullableWithoutDefault(f.schema(), fieldPath, missing, seen);
            }
        }
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    private static List<Schema.Field> copyFields(List<Schema.Field> fields) {
        List<Schema.Field> copies = new ArrayList<>();
        for (Schema.Field f : fields) {
            copies.add(new Schema.Field(f, f.schema()));
        }
        return copies;
    }

    private static Schema record(Schema like, List<Schema.Field> fields) {
        return Schema.createRecord(like.getName(), like.getDoc(), like.getNamespace(), false, fields);
    }

    private static byte[] avroBinary(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
