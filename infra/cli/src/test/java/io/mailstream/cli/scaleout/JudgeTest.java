package io.mailstream.cli.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Outcome;
import io.mailstream.cli.standalone.SinkReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeTest {
    private static final Map<String, String> EXPECTED = Map.of("m1", "a@x.test", "m2", "b@x.test", "m3", "c@y.test");
    private static final OwnershipMonitor.Summary CLEAN = new OwnershipMonitor.Summary(40, 0, 6);

    @Test
    void aRunWhereEveryMessageHasOneDeliveryAndOneTerminalEventShouldPass() {
        Verdict v = Judge.judge(EXPECTED, 3, new SinkReport(3, Map.of("a@x.test", 1L, "b@x.test", 1L, "c@y.test", 1L)),
                Map.of("m1", 1, "m2", 1, "m3", 1), Map.of(Outcome.DELIVERED, 3L), CLEAN, 0);

        assertThat(v.ok()).isTrue();
        assertThat(v.lost()).isZero();
        assertThat(v.recipientsDelivered()).isEqualTo(3);
        assertThat(v.outcomes()).containsEntry("DELIVERED", 3L);
        assertThat(v.partitionsHandedOver()).isEqualTo(6);
    }

    @Test
    void duplicateSmtpDeliveriesWithinTheTransactionsInFlightAtTheKillsShouldPass() {
        Verdict v = Judge.judge(EXPECTED, 3, new SinkReport(5, Map.of("a@x.test", 3L, "b@x.test", 1L, "c@y.test", 1L)),
                Map.of("m1", 1, "m2", 1, "m3", 1), Map.of(Outcome.DELIVERED, 3L), CLEAN, 2);

        assertThat(v.duplicateDeliveries()).isEqualTo(2);
        assertThat(v.ok()).isTrue();
    }

    @Test
    void moreRepeatsThanTransactionsInFlightAtTheKillsShouldFail() {
        Verdict v = Judge.judge(EXPECTED, 3, new SinkReport(5, Map.of("a@x.test", 3L, "b@x.test", 1L, "c@y.test", 1L)),
                Map.of("m1", 1, "m2", 1, "m3", 1), Map.of(Outcome.DELIVERED, 3L), CLEAN, 1);

        assertThat(v.ok()).isFalse();
        assertThat(v.examples().get(0)).isEqualTo("2 repeated deliveries, more than the 1 transactions in flight at the kills");
    }

    @Test
    void aRecipientTheSinkNeverSawShouldFailAsLost() {
        Verdict v = Judge.judge(EXPECTED, 3, new SinkReport(2, Map.of("a@x.test", 1L, "b@x.test", 1L)),
                Map.of("m1", 1, "m2", 1, "m3", 1), Map.of(Outcome.DELIVERED, 3L), CLEAN, 0);

        assertThat(v.ok()).isFalse();
        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.examples()).containsExactly("lost: c@y.test");
    }

    @Test
    void aMessageWithoutOrWithSeveralTerminalEventsShouldFail() {
        Verdict v = Judge.judge(EXPECTED, 3, new SinkReport(3, Map.of("a@x.test", 1L, "b@x.test", 1L, "c@y.test", 1L)),
                Map.of("m1", 3, "m2", 1), Map.of(Outcome.DELIVERED, 4L), CLEAN, 0);

        assertThat(v.ok()).isFalse();
        assertThat(v.missingTerminal()).isEqualTo(1);
        assertThat(v.messagesWithSeveralTerminal()).isEqualTo(1);
        assertThat(v.duplicateTerminalEvents()).isEqualTo(2);
        assertThat(v.examples()).contains("no terminal event: m3", "3 terminal events: m1");
    }

    @Test
    void aPartitionOwnedTwiceAtOnceShouldFail() {
        Verdict v = Judge.judge(EXPECTED, 3, new SinkReport(3, Map.of("a@x.test", 1L, "b@x.test", 1L, "c@y.test", 1L)),
                Map.of("m1", 1, "m2", 1, "m3", 1), Map.of(Outcome.DELIVERED, 3L), new OwnershipMonitor.Summary(40, 1, 6), 0);

        assertThat(v.ok()).isFalse();
    }
}
