package io.mailstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Suppression;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
    private static final Schema V1 = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredString("id").endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredString("id").name("note").type().stringType().stringDefault("").endRecord();
    private static final Schema V2_WITHOUT_DEFAULT = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredString("id").requiredInt("size").endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void idsStartAtOneAndFollowRegistrationOrder() {
        assertThat(registry.register("a-value", MailMessage.getClassSchema())).isEqualTo(1);
        assertThat(registry.register("b-value", Suppression.getClassSchema())).isEqualTo(2);
    }

    @Test
    void sameSchemaGetsTheSameIdAcrossSubjects() {
        int outbound = registry.register("mail.outbound-value", MailMessage.getClassSchema());
        int retry = registry.register("mail.retry.1m-value", MailMessage.getClassSchema());

        assertThat(retry).isEqualTo(outbound);
        assertThat(registry.register("mail.outbound-value", MailMessage.getClassSchema())).isEqualTo(outbound);
        assertThat(registry.latest("mail.outbound-value")).get().extracting(RegisteredSchema::version).isEqualTo(1);
    }

    @Test
    void schemaByIdReturnsWhatWasRegistered() {
        int id = registry.register("s-value", V1);

        assertThat(registry.schemaById(id)).isEqualTo(V1);
    }

    @Test
    void unknownIdIsRefusedAsNotTransient() {
        assertThatThrownBy(() -> registry.schemaById(42))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> {
                    assertThat(e.schemaId()).isEqualTo(42);
                    assertThat(e.isTransient()).isFalse();
                });
    }

    @Test
    void compatibleNextVersionGetsANewIdAndBecomesLatest() {
        int v1 = registry.register("s-value", V1);
        int v2 = registry.register("s-value", V2_WITH_DEFAULT);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(registry.latest("s-value")).contains(new RegisteredSchema("s-value", 2, v2, V2_WITH_DEFAULT));
    }

    @Test
    void incompatibleNextVersionIsRefused() {
        registry.register("s-value", V1);

        assertThat(registry.isCompatible("s-value", V2_WITHOUT_DEFAULT)).isFalse();
        assertThatThrownBy(() -> registry.register("s-value", V2_WITHOUT_DEFAULT))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.subject()).isEqualTo("s-value");
                    assertThat(e.httpStatus()).isEqualTo(409);
                });
        assertThat(registry.latest("s-value")).get().extracting(RegisteredSchema::schema).isEqualTo(V1);
    }

    @Test
    void refusedSchemaIsNotGivenAnId() {
        registry.register("s-value", V1);
        assertThatThrownBy(() -> registry.register("s-value", V2_WITHOUT_DEFAULT)).isInstanceOf(IncompatibleSchemaException.class);

        assertThat(registry.register("other-value", V2_WITH_DEFAULT)).isEqualTo(2);
    }

    @Test
    void anySchemaIsCompatibleWithAnEmptySubject() {
        assertThat(registry.isCompatible("new-value", V2_WITHOUT_DEFAULT)).isTrue();
        assertThat(registry.latest("new-value")).isEmpty();
    }

    @Test
    void subjectsFollowTopicNameStrategy() {
        assertThat(SchemaRegistry.valueSubject("mail.outbound")).isEqualTo("mail.outbound-value");
        assertThat(SchemaRegistry.keySubject("mail.outbound")).isEqualTo("mail.outbound-key");
    }
}
