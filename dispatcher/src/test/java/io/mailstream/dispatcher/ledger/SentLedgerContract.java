package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SentLedger} does; {@link InMemorySentLedgerTest} and {@link RocksSentLedgerTest} run it. */
abstract class SentLedgerContract {
    protected static final Duration HORIZON = Duration.ofDays(30);
    protected final MutableClock clock = new MutableClock(Fixtures.NOW);
    protected SentLedger ledger;

    protected abstract SentLedger open(MutableClock clock, Duration horizon);

    @BeforeEach
    void openLedger() {
        ledger = open(clock, HORIZON);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    private SentLedger.Outcome outcome(String id, int attempt, boolean terminal) {
        return new SentLedger.Outcome(id, attempt, terminal, clock.instant());
    }

    @Test
    void anUnknownMessageIdShouldNotBeCovered() {
        assertThat(ledger.covers("m1", 0)).isFalse();
    }

    @Test
    void aTerminalOutcomeShouldCoverEveryAttemptOfItsMessage() {
        ledger.record(outcome("m1", 0, true));

        assertThat(ledger.covers("m1", 0)).isTrue();
        assertThat(ledger.covers("m1", 3)).isTrue();
        assertThat(ledger.covers("m2", 0)).isFalse();
    }

    @Test
    void aDeferredAttemptShouldCoverItselfButNotTheNextAttempt() {
        ledger.record(outcome("m1", 0, false));

        assertThat(ledger.covers("m1", 0)).isTrue();
        assertThat(ledger.covers("m1", 1)).isFalse();
    }

    @Test
    void aLateDeferredOutcomeShouldNotUndoATerminalOne() {
        ledger.record(outcome("m1", 1, true));
        ledger.apply(List.of(outcome("m1", 0, false)), Map.of(0, 5L));

        assertThat(ledger.covers("m1", 2)).isTrue();
    }

    @Test
    void factsOlderThanTheHorizonShouldBeForgotten() {
        ledger.record(outcome("m1", 0, true));
        clock.advance(HORIZON.minusMinutes(1));
        assertThat(ledger.covers("m1", 0)).isTrue();

        clock.advance(Duration.ofMinutes(2));
        assertThat(ledger.covers("m1", 0)).isFalse();
    }

    @Test
    void appliedOutcomesShouldBeStoredWithTheirPositions() {
        ledger.apply(List.of(outcome("m1", 0, true), outcome("m2", 0, false)), Map.of(0, 7L, 3, 12L));
        ledger.apply(List.of(outcome("m3", 0, true)), Map.of(0, 9L));

        assertThat(ledger.covers("m1", 0)).isTrue();
        assertThat(ledger.covers("m2", 0)).isTrue();
        assertThat(ledger.covers("m3", 0)).isTrue();
        assertThat(ledger.positions()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 9L, 3, 12L));
    }
}
