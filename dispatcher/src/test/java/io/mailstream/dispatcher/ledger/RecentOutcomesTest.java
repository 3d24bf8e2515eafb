package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecentOutcomesTest {
    private static final TopicPartition P0 = new TopicPartition("mail.outbound", 0);
    private static final TopicPartition P1 = new TopicPartition("mail.outbound", 1);

    @Test
    void anAttemptWithAnOutcomeShouldBeSkippedOnceAndOtherAttemptsNot() {
        RecentOutcomes recent = new RecentOutcomes(100);
        recent.add(Map.of(P0, 10L), List.of(new OutcomeKey("m1", 0), new OutcomeKey("m2", 1)));

        assertThat(recent.consume(P0, 0, "m1", 0)).isTrue();
        assertThat(recent.consume(P0, 1, "m1", 0)).as("only once").isFalse();
        assertThat(recent.consume(P0, 2, "m2", 0)).as("another attempt of m2").isFalse();
        assertThat(recent.consume(P0, 3, "m2", 1)).isTrue();
        assertThat(recent.consume(P0, 4, "m3", 0)).isFalse();
        assertThat(recent.skipped()).isEqualTo(2);
    }

    @Test
    void recordsOfUnwatchedPartitionsOrPastTheEndAtAssignmentShouldNotBeSkipped() {
        RecentOutcomes recent = new RecentOutcomes(100);
        recent.add(Map.of(P0, 5L, P1, 5L), List.of(new OutcomeKey("m1", 0), new OutcomeKey("m2", 0)));

        assertThat(recent.consume(new TopicPartition("mail.outbound", 2), 0, "m1", 0)).isFalse();
        assertThat(recent.consume(P0, 5, "m1", 0)).as("written after the assignment: not the previous owner's").isFalse();
    }

    @Test
    void theSetShouldBeDroppedOnceEveryWatchedPartitionPassedItsEndOrWasRevoked() {
        RecentOutcomes recent = new RecentOutcomes(100);
        recent.add(Map.of(P0, 3L, P1, 3L), List.of(new OutcomeKey("m1", 0), new OutcomeKey("m2", 0)));

        recent.consume(P0, 2, "x", 0);
        assertThat(recent.size()).as("P1 is still watched").isEqualTo(2);
        recent.forget(List.of(P1));

        assertThat(recent.size()).isZero();
        assertThat(recent.watched()).isEmpty();
        assertThat(recent.consume(P0, 0, "m1", 0)).isFalse();
    }

    @Test
    void aLastRecordHandledOtherwiseShouldStillEndTheWatch() {
        RecentOutcomes recent = new RecentOutcomes(100);
        recent.add(Map.of(P0, 2L), List.of(new OutcomeKey("m1", 0)));

        recent.passed(P0, 0);
        assertThat(recent.watched()).containsExactly(P0);
        recent.passed(P0, 1);

        assertThat(recent.watched()).isEmpty();
        assertThat(recent.size()).isZero();
    }

    @Test
    void pastTheCapTheOldestPairsShouldGoFirst() {
        RecentOutcomes recent = new RecentOutcomes(2);
        recent.add(Map.of(P0, 100L), List.of(new OutcomeKey("old", 0), new OutcomeKey("mid", 0), new OutcomeKey("new", 0)));

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.consume(P0, 0, "old", 0)).isFalse();
        assertThat(recent.consume(P0, 1, "new", 0)).isTrue();
        assertThat(recent.consume(P0, 2, "mid", 0)).isTrue();
    }
}
