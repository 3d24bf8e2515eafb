package io.mailstream.producer.recipients;

import static io.mailstream.producer.testsupport.CampaignFixtures.gzip;
import static io.mailstream.producer.testsupport.CampaignFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlRecipientReaderTest {
    @TempDir
    Path dir;

    private List<RecipientRow> readAll(Path file) {
        List<RecipientRow> rows = new ArrayList<>();
        try (RecipientReader reader = RecipientReaders.open(file, RecipientFormat.JSONL)) {
            Optional<RecipientRow> row;
            while ((row = reader.next()).isPresent()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    @Test
    void readsScalarFieldsAsTextAndSkipsBlankLinesAndNulls() {
        Path file = write(dir.resolve("r.jsonl"), """
                {"email": "a@example.com", "first_name": "Ada", "age": 36, "vip": true, "city": null}

                {"email": "b@example.com", "note": "line\\nbreak"}
                """);

        List<RecipientRow> rows = readAll(file);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).variables()).containsEntry("age", "36").containsEntry("vip", "true").doesNotContainKey("city");
        assertThat(rows.get(0).line()).isEqualTo(1);
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).variables()).containsEntry("note", "line\nbreak");
    }

    @Test
    void yieldsInvalidJsonNonObjectsAndNestedValuesAsMalformed() {
        Path file = write(dir.resolve("r.jsonl"), """
                {"email": "a@example.com"
                ["not", "an", "object"]
                {"email": "c@example.com", "tags": ["x"]}
                """);

        List<RecipientRow> rows = readAll(file);

        assertThat(rows).extracting(r -> r.defect().isPresent()).containsExactly(true, true, true);
        assertThat(rows.get(2).email()).isEqualTo("c@example.com");
        assertThat(rows.get(2).defect()).hasValueSatisfying(d -> assertThat(d).contains("tags"));
    }

    @Test
    void readsGzippedJsonLines() {
        Path file = gzip(dir.resolve("r.jsonl.gz"), "{\"email\":\"a@example.com\"}\n{\"email\":\"b@example.com\"}\n");

        assertThat(readAll(file)).extracting(RecipientRow::email).containsExactly("a@example.com", "b@example.com");
    }
}
