package io.mailstream.producer.recipients;

import static io.mailstream.producer.testsupport.CampaignFixtures.gzip;
import static io.mailstream.producer.testsupport.CampaignFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecipientReaderTest {
    @TempDir
    Path dir;

    private List<RecipientRow> readAll(Path file) {
        List<RecipientRow> rows = new ArrayList<>();
        try (RecipientReader reader = RecipientReaders.open(file, RecipientFormat.CSV)) {
            Optional<RecipientRow> row;
            while ((row = reader.next()).isPresent()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    @Test
    void readsQuotedFieldsWithCommasNewlinesAndDoubledQuotes() {
        Path file = write(dir.resolve("r.csv"),
                "email,name,note\r\n"
                        + "a@example.com,\"Lovelace, Ada\",\"said \"\"hi\"\"\"\r\n"
                        + "b@example.com,Bob,\"two\r\nlines\"\r\n"
                        + "c@example.com,,\"\"\r\n");

        List<RecipientRow> rows = readAll(file);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).variables()).containsExactly(
                Map.entry("email", "a@example.com"), Map.entry("name", "Lovelace, Ada"), Map.entry("note", "said \"hi\""));
        assertThat(rows.get(1).variables()).containsEntry("note", "two\r\nlines");
        assertThat(rows.get(2).variables()).containsEntry("name", "").containsEntry("note", "");
        assertThat(rows).extracting(RecipientRow::line).containsExactly(2L, 3L, 5L);
        assertThat(rows).allSatisfy(r -> assertThat(r.defect()).isEmpty());
    }

    @Test
    void skipsAByteOrderMarkAndBlankLinesAndMatchesTheEmailColumnInAnyCase() {
        Path file = write(dir.resolve("r.csv"), "\uFEFFEmail,first_name\n\na@example.com,Ada\n\nb@example.com,Bob");

        try (RecipientReader reader = RecipientReaders.open(file, RecipientFormat.CSV)) {
            assertThat(reader.columns()).contains(List.of("email", "first_name"));
        }
        List<RecipientRow> rows = readAll(file);
        assertThat(rows).extracting(RecipientRow::email).containsExactly("a@example.com", "b@example.com");
        assertThat(rows).extracting(RecipientRow::line).containsExactly(3L, 5L);
    }

    @Test
    void yieldsRowsWithTheWrongNumberOfFieldsAsMalformed() {
        Path file = write(dir.resolve("r.csv"), "email,name\na@example.com\nb@example.com,B,extra\n\"c@example.com\"x,C\n");

        List<RecipientRow> rows = readAll(file);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).defect()).hasValueSatisfying(d -> assertThat(d).contains("1 fields"));
        assertThat(rows.get(1).defect()).hasValueSatisfying(d -> assertThat(d).contains("3 fields"));
        assertThat(rows.get(2).defect()).hasValueSatisfying(d -> assertThat(d).contains("closing quote"));
        assertThat(rows.get(0).email()).isEqualTo("a@example.com");
    }

    @Test
    void failsOnAnUnterminatedQuoteNamingTheLineWhereTheRecordStarts() {
        Path file = write(dir.resolve("r.csv"), "email,name\na@example.com,A\nb@example.com,\"never closed\nmore\n");

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOfSatisfying(RecipientFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("never closed");
                });
    }

    @Test
    void refusesAnEmptyFileAndDuplicateColumns() {
        Path empty = write(dir.resolve("empty.csv"), "");
        Path dup = write(dir.resolve("dup.csv"), "email,name,Name\n");

        assertThatThrownBy(() -> readAll(empty)).isInstanceOf(RecipientFileException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> readAll(dup)).isInstanceOf(RecipientFileException.class).hasMessageContaining("twice");
    }

    @Test
    void readsGzipDetectedByMagicBytesWhateverTheFileName() throws IOException {
        Path file = gzip(dir.resolve("plain-name.csv"), "email,name\na@example.com,\"A, the first\"\n");

        assertThat(RecipientReaders.isGzip(file)).isTrue();
        assertThat(readAll(file)).singleElement()
                .satisfies(r -> assertThat(r.variables()).containsEntry("name", "A, the first"));
        try (RecipientReader reader = RecipientReaders.open(file, RecipientFormat.CSV)) {
            while (reader.next().isPresent()) {
                // drain
            }
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void failsWithALineNumberOnInvalidUtf8() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "email,name\na@example.com,Jos\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> readAll(file)).isInstanceOf(RecipientFileException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> readAll(dir.resolve("nope.csv")))
                .isInstanceOf(RecipientFileException.class).hasMessageContaining("does not exist");
    }
}
