package io.mailstream.embedded.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.embedded.registry.CompatibilityLevel;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RegistryRecordsTest {
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"U\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
    private final RegistryRecords records = new RegistryRecords(new ObjectMapper());

    @Test
    void recordsShouldUseConfluentLayout() {
        assertThat(records.schemaKey("s-value", 2))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s-value\",\"version\":2,\"magic\":1}");
        assertThat(records.schemaValue(new SchemaVersion("s-value", 2, 7, "\"string\"", false)))
                .isEqualTo("{\"subject\":\"s-value\",\"version\":2,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        assertThat(records.configKey(Optional.empty())).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(records.configValue(CompatibilityLevel.FULL)).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void stateShouldFollowTheLogIncludingTombstonesAndForeignRecords() {
        RegistryState state = new RegistryState(records);
        state.apply(record(0, records.schemaKey("a", 1), records.schemaValue(new SchemaVersion("a", 1, 5, SCHEMA, false))));
        state.apply(record(1, "{\"keytype\":\"NOOP\",\"magic\":0}", null));
        state.apply(record(2, records.configKey(Optional.of("a")), records.configValue(CompatibilityLevel.NONE)));
        state.apply(record(3, "not json", "x"));

        assertThat(state.subjects(false)).containsExactly("a");
        assertThat(state.nextId()).isEqualTo(6);
        assertThat(state.nextVersion("a")).isEqualTo(2);
        assertThat(state.effectiveLevel("a")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(state.effectiveLevel("b")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(state.idOf(AvroSchemas.identity(AvroSchemas.parse(SCHEMA)))).contains(5);

        state.apply(record(4, records.schemaKey("a", 1), null));
        assertThat(state.subjects(true)).isEmpty();
        // a tombstone is a permanent delete: as in Confluent's registry (and as a restart after compaction would
        // see it anyway), an id no version refers to any more is gone; soft deletes keep ids resolvable
        assertThat(state.schemaById(5)).isEmpty();
        assertThat(state.nextId()).as("ids are never reused").isEqualTo(6);
    }

    private static ConsumerRecord<String, String> record(long offset, String key, String value) {
        return new ConsumerRecord<>("_schemas", 0, offset, key, value);
    }
}
