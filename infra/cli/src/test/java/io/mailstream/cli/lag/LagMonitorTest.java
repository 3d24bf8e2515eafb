package io.mailstream.cli.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The sampling loop with a clock that the pause moves forward: no Kafka, no sleeping. */
class LagMonitorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @Test
    void watchShouldReportEverySampleWithTheRateSinceThePreviousOne() throws Exception {
        Deque<Long> lags = new ArrayDeque<>(List.of(600L, 500L, 300L));
        List<LagReport> printed = new ArrayList<>();
        LagMonitor monitor = new LagMonitor(() -> sample(lags.pop()), clock::advance, Duration.ofSeconds(5), OptionalLong.empty());

        monitor.run(3, true, printed::add);

        assertThat(printed).hasSize(3);
        assertThat(printed.get(0).rates()).isEmpty();
        assertThat(printed.get(1).rates().get("mailstream-dispatcher").perSecond()).isEqualTo(-20.0);
        assertThat(printed.get(2).rates().get("mailstream-dispatcher").perSecond()).isEqualTo(-40.0);
        assertThat(printed.get(2).rates().get("mailstream-dispatcher").timeToDrain()).contains(Duration.ofMillis(7500));
    }

    @Test
    void singleRunShouldPrintOnlyTheLastSampleAndJudgeItAgainstMaxLag() throws Exception {
        Deque<Long> lags = new ArrayDeque<>(List.of(90L, 120L));
        List<LagReport> printed = new ArrayList<>();
        LagMonitor monitor = new LagMonitor(() -> sample(lags.pop()), clock::advance, Duration.ofSeconds(2), OptionalLong.of(100));

        LagReport last = monitor.run(2, false, printed::add);

        assertThat(printed).containsExactly(last);
        assertThat(last.maxLagCrossed()).isTrue();
        assertThat(last.rates().get("mailstream-dispatcher").perSecond()).isEqualTo(15.0);
        assertThat(LagTable.render(last)).contains("growing +15.0/s", "OVER MAX LAG 100");
        assertThat(LagJson.render(last)).contains("\"maxLagCrossed\":true", "\"lag\":120", "\"ratePerSecond\":15.0");
    }

    @Test
    void tableShouldShowTimeToDrainWhileDraining() throws Exception {
        Deque<Long> lags = new ArrayDeque<>(List.of(1000L, 400L));
        LagReport last = new LagMonitor(() -> sample(lags.pop()), clock::advance, Duration.ofMinutes(1), OptionalLong.empty())
                .run(2, false, r -> { });

        assertThat(LagTable.render(last)).contains("draining -10.0/s, drained in ~40s");
    }

    private LagSnapshot sample(long lag) {
        return new LagSnapshot(clock.instant(), List.of(LagCalculatorTest.p("mailstream-dispatcher", "mail.outbound", 0, lag)));
    }
}
