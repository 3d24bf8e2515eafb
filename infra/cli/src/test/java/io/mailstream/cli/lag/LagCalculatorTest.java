package io.mailstream.cli.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.cli.lag.LagCalculator.Offsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LagCalculatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void lagShouldBeEndMinusCommittedPerPartition() {
        List<PartitionLag> lag = LagCalculator.lagOf("mailstream-dispatcher",
                Map.of("mail.outbound", Map.of(0, 40L, 1, 100L)),
                Map.of("mail.outbound", Map.of(0, new Offsets(0, 100), 1, new Offsets(0, 100))));

        assertThat(lag).containsExactly(
                new PartitionLag("mailstream-dispatcher", "mail.outbound", 0, OptionalLong.of(40), 0, 100, 60),
                new PartitionLag("mailstream-dispatcher", "mail.outbound", 1, OptionalLong.of(100), 0, 100, 0));
    }

    @Test
    void partitionWithoutCommitShouldCountFromLogStart() {
        List<PartitionLag> lag = LagCalculator.lagOf("g", Map.of("t", Map.of(0, 5L)),
                Map.of("t", Map.of(0, new Offsets(0, 10), 1, new Offsets(3, 10))));

        assertThat(lag).extracting(PartitionLag::partition, PartitionLag::committed, PartitionLag::lag)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, OptionalLong.of(5), 5L),
                        org.assertj.core.groups.Tuple.tuple(1, OptionalLong.empty(), 7L));
    }

    @Test
    void committedOffsetBeyondTheEndOrBeforeTheStartShouldBeClamped() {
        List<PartitionLag> lag = LagCalculator.lagOf("g", Map.of("t", Map.of(0, 50L, 1, 2L)),
                Map.of("t", Map.of(0, new Offsets(0, 10), 1, new Offsets(8, 10))));

        assertThat(lag).extracting(PartitionLag::lag).containsExactly(0L, 2L);
    }

    @Test
    void snapshotShouldTotalPerGroupAndTopic() {
        LagSnapshot s = new LagSnapshot(T0, List.of(
                p("b", "mail.outbound", 0, 7), p("a", "mail.outbound", 1, 3), p("a", "mail.outbound", 0, 2),
                p("a", "mail.transactional", 0, 5)));

        assertThat(s.totalLag()).isEqualTo(17);
        assertThat(s.lagByGroup()).containsExactly(Map.entry("a", 10L), Map.entry("b", 7L));
        assertThat(s.lagByTopic("a")).containsExactly(Map.entry("mail.outbound", 5L), Map.entry("mail.transactional", 5L));
        assertThat(s.partitions()).extracting(PartitionLag::group, PartitionLag::partition).first()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple("a", 0));
    }

    @Test
    void shrinkingLagShouldGiveNegativeRateAndTimeToDrain() {
        LagSnapshot before = new LagSnapshot(T0, List.of(p("g", "t", 0, 1000)));
        LagSnapshot after = new LagSnapshot(T0.plusSeconds(10), List.of(p("g", "t", 0, 800)));

        LagRate rate = LagCalculator.rates(before, after).get("g");

        assertThat(rate.perSecond()).isEqualTo(-20.0);
        assertThat(rate.direction()).isEqualTo(LagRate.Direction.DRAINING);
        assertThat(rate.timeToDrain()).contains(Duration.ofSeconds(40));
    }

    @Test
    void growingLagShouldHaveNoTimeToDrain() {
        LagRate rate = LagCalculator.rate("g", 100, 150, Duration.ofMillis(500));

        assertThat(rate.perSecond()).isEqualTo(100.0);
        assertThat(rate.direction()).isEqualTo(LagRate.Direction.GROWING);
        assertThat(rate.timeToDrain()).isEmpty();
    }

    @Test
    void drainedGroupShouldHaveZeroTimeToDrainAndSteadyNonZeroLagNone() {
        assertThat(LagCalculator.rate("g", 0, 0, Duration.ofSeconds(5)).timeToDrain()).contains(Duration.ZERO);
        LagRate steady = LagCalculator.rate("g", 10, 10, Duration.ofSeconds(5));
        assertThat(steady.direction()).isEqualTo(LagRate.Direction.STEADY);
        assertThat(steady.timeToDrain()).isEmpty();
    }

    @Test
    void groupSeenOnlyInTheLaterSampleShouldHaveNoRate() {
        LagSnapshot before = new LagSnapshot(T0, List.of(p("a", "t", 0, 1)));
        LagSnapshot after = new LagSnapshot(T0.plusSeconds(1), List.of(p("a", "t", 0, 1), p("b", "t", 0, 9)));

        assertThat(LagCalculator.rates(before, after)).containsOnlyKeys("a");
    }

    @Test
    void samplesOutOfTimeOrderShouldBeRefused() {
        LagSnapshot s = new LagSnapshot(T0, List.of());
        assertThatThrownBy(() -> LagCalculator.rates(s, s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportShouldNameGroupsOverMaxLag() {
        LagSnapshot s = new LagSnapshot(T0, List.of(p("a", "t", 0, 10), p("b", "t", 0, 11)));

        assertThat(new LagReport(s, Map.of(), OptionalLong.of(10)).groupsOverMaxLag()).containsExactly("b");
        assertThat(new LagReport(s, Map.of(), OptionalLong.of(11)).maxLagCrossed()).isFalse();
        assertThat(new LagReport(s, Map.of(), OptionalLong.empty()).maxLagCrossed()).isFalse();
    }

    static PartitionLag p(String group, String topic, int partition, long lag) {
        return new PartitionLag(group, topic, partition, OptionalLong.of(0), 0, lag, lag);
    }
}
