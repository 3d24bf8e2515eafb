package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksSentLedgerTest extends SentLedgerContract {
    @TempDir
    Path dir;

    @Override
    protected SentLedger open(MutableClock clock, Duration horizon) {
        return RocksSentLedger.open(dir.resolve("ledger"), horizon, clock);
    }

    @Test
    void whatTheFeedAppliedShouldSurviveAReopenWithItsPositions() {
        ledger.apply(List.of(new SentLedger.Outcome("m1", 0, true, clock.instant())), Map.of(2, 41L));
        ledger.close();

        ledger = open(clock, HORIZON);

        assertThat(ledger.covers("m1", 0)).isTrue();
        assertThat(ledger.positions()).containsExactlyEntriesOf(Map.of(2, 41L));
    }

    @Test
    void aSecondOpenOfTheSameDirectoryShouldFailNamingIt() {
        assertThatThrownBy(() -> open(clock, HORIZON))
                .isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining(dir.resolve("ledger").toString());
    }

    @Test
    void aClosedStoreShouldRefuseCallsInsteadOfCrashingTheJvm() {
        ledger.close();

        assertThatThrownBy(() -> ledger.covers("m1", 0)).isInstanceOf(LedgerStoreException.class);
    }

    @Test
    void aTemporaryStoreShouldDeleteItsDirectoryOnClose() {
        RocksSentLedger temporary = RocksSentLedger.openTemporary(HORIZON, clock);
        Path where = temporary.directory();
        temporary.record(new SentLedger.Outcome("m1", 0, true, clock.instant()));
        assertThat(Files.isDirectory(where)).isTrue();

        temporary.close();

        assertThat(where).doesNotExist();
    }

    @Test
    void anOwnOutcomeShouldWaitOnTheHeapUntilTheFeedReadsItBackAndThenBeStoredOnce() {
        RocksSentLedger rocks = (RocksSentLedger) ledger;
        SentLedger.Outcome sent = new SentLedger.Outcome("m1", 0, true, clock.instant());
        rocks.record(sent);
        assertThat(rocks.unappliedCount()).isEqualTo(1);
        assertThat(rocks.covers("m1", 0)).isTrue();

        rocks.apply(List.of(sent), Map.of(0, 1L));

        assertThat(rocks.unappliedCount()).isZero();
        assertThat(rocks.covers("m1", 0)).isTrue();
        rocks.close();
        ledger = open(clock, HORIZON);
        assertThat(ledger.covers("m1", 0)).as("stored, logged, by the feed's batch").isTrue();
    }

    @Test
    void aLaterAttemptRecordedBeforeTheFeedReadsTheEarlierOneShouldStayCovered() {
        RocksSentLedger rocks = (RocksSentLedger) ledger;
        SentLedger.Outcome deferred = new SentLedger.Outcome("m1", 0, false, clock.instant());
        rocks.record(deferred);
        rocks.record(new SentLedger.Outcome("m1", 1, true, clock.instant()));

        rocks.apply(List.of(deferred), Map.of(0, 1L));

        assertThat(rocks.unappliedCount()).as("the terminal outcome is not in the store yet").isEqualTo(1);
        assertThat(rocks.covers("m1", 1)).isTrue();
        assertThat(rocks.covers("m1", 5)).isTrue();
    }

    @Test
    void ownOutcomesBeyondTheHeapBoundShouldBeWrittenToTheStoreAndStayCovered() {
        ledger.close();
        RocksSentLedger bounded = RocksSentLedger.open(dir.resolve("bounded"), HORIZON, clock, 2);
        ledger = bounded;
        for (int i = 0; i < 5; i++) {
            bounded.record(new SentLedger.Outcome("m" + i, 0, true, clock.instant()));
        }

        assertThat(bounded.unappliedCount()).isEqualTo(2);
        for (int i = 0; i < 5; i++) {
            assertThat(bounded.covers("m" + i, 0)).as("m" + i).isTrue();
        }
        bounded.apply(List.of(new SentLedger.Outcome("m4", 0, true, clock.instant()),
                new SentLedger.Outcome("m0", 0, true, clock.instant())), Map.of(0, 2L));
        assertThat(bounded.covers("m4", 0)).isTrue();
        assertThat(bounded.unappliedCount()).isEqualTo(1);
    }
}
