package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static LaunchProgress at(long rows, long bytes, Duration elapsed) {
        return new LaunchProgress("spring", rows, rows, rows, 0, 0, bytes, 1000, elapsed);
    }

    @Test
    void etaFollowsTheShareOfTheFileRead() {
        LaunchProgress p = at(250, 250, Duration.ofSeconds(10));

        assertThat(p.fraction()).hasValue(0.25);
        assertThat(p.eta()).contains(Duration.ofSeconds(30));
        assertThat(p.rowsPerSecond()).isEqualTo(25.0);
        assertThat(new LaunchProgress("x", 1, 1, 1, 0, 0, 10, 0, Duration.ofSeconds(1)).eta()).isEmpty();
    }

    @Test
    void terminalProgressRedrawsOneLineAtMostFiveTimesASecond() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), nanos::get);

        progress.update(at(100, 100, Duration.ofSeconds(1)));
        nanos.addAndGet(Duration.ofMillis(50).toNanos());
        progress.update(at(200, 200, Duration.ofSeconds(2)));
        nanos.addAndGet(Duration.ofMillis(300).toNanos());
        progress.update(at(300, 300, Duration.ofSeconds(3)));
        progress.finished(at(1000, 1000, Duration.ofSeconds(4)));

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown.split("\r", -1)).hasSize(4);
        assertThat(shown).contains("100 rows").doesNotContain("200 rows").contains("300 rows").contains("ETA");
        assertThat(shown).endsWith(System.lineSeparator());
        assertThat(shown.strip()).doesNotContain("\n");
    }
}
