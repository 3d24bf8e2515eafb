package io.mailstream.embedded.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.embedded.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {
    private static final Schema V1 = SchemaBuilder.record("U").fields().requiredString("a").endRecord();
    private static final Schema WITH_DEFAULT = SchemaBuilder.record("U").fields().requiredString("a")
            .name("b").type().intType().intDefault(1).endRecord();
    private static final Schema WITHOUT_DEFAULT = SchemaBuilder.record("U").fields().requiredString("a")
            .requiredInt("b").endRecord();

    @Test
    void addingAFieldWithDefaultShouldBeBackwardAndForwardCompatible() {
        assertThat(AvroSchemas.incompatibilities(WITH_DEFAULT, V1, true, true)).isEmpty();
    }

    @Test
    void addingAFieldWithoutDefaultShouldBreakBackwardOnly() {
        assertThat(AvroSchemas.incompatibilities(WITHOUT_DEFAULT, V1, true, false)).isNotEmpty();
        assertThat(AvroSchemas.incompatibilities(WITHOUT_DEFAULT, V1, false, true)).isEmpty();
    }

    @Test
    void invalidSchemaShouldBe42201() {
        assertThatThrownBy(() -> AvroSchemas.parse("{\"type\":\"nope\"}"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
    }

    @Test
    void identityShouldIgnoreFormatting() {
        assertThat(AvroSchemas.identity(AvroSchemas.parse(V1.toString(true))))
                .isEqualTo(AvroSchemas.identity(AvroSchemas.parse(V1.toString())));
    }

    @Test
    void identityShouldKeepWhatTheParsingCanonicalFormDrops() {
        String plain = "{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"at\",\"type\":\"long\"}]}";
        String timestamp = "{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"at\",\"type\":"
                + "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"default\":0,\"doc\":\"when\"}]}";

        assertThat(AvroSchemas.identity(AvroSchemas.parse(timestamp))).isNotEqualTo(AvroSchemas.identity(AvroSchemas.parse(plain)));
        assertThat(AvroSchemas.normalized(AvroSchemas.parse(timestamp))).doesNotContain("\"doc\"").contains("timestamp-millis");
    }
}
