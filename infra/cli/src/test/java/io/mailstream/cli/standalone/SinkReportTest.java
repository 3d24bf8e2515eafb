package io.mailstream.cli.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkReportTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenReportShouldReadBackWithItsCountsAndDuplicates() {
        Path file = dir.resolve("report.json");
        new SinkReport(4, Map.of("a@x.test", 3L, "b@x.test", 1L)).writeTo(file);

        SinkReport back = SinkReport.readFrom(file);

        assertThat(back.total()).isEqualTo(4);
        assertThat(back.count("a@x.test")).isEqualTo(3);
        assertThat(back.count("nobody@x.test")).isZero();
        assertThat(back.duplicateDeliveries()).isEqualTo(2);
        assertThat(dir.resolve("report.json.tmp")).doesNotExist();
    }

    @Test
    void aFileOfAnotherShapeShouldBeRejectedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("other.json"), "{\"count\": 3}");

        assertThatThrownBy(() -> SinkReport.readFrom(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other.json");
    }
}
