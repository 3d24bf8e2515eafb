package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.support.MutableClock;
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
}
