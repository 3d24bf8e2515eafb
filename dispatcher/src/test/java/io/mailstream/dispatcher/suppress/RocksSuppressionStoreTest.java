package io.mailstream.dispatcher.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.address.EmailAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksSuppressionStoreTest extends SuppressionStoreContract {
    @TempDir
    Path dir;

    @Override
    protected SuppressionStore newStore(UnsubscribeScope unsubscribes) {
        return RocksSuppressionStore.open(dir.resolve("store-" + System.nanoTime()), unsubscribes, clock);
    }

    @Test
    void dataAndPositionsShouldSurviveARestart() {
        Path state = dir.resolve("kept");
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            s.upsert("gone@example.org", suppression("gone@example.org", part(SuppressionSource.BOUNCE, null, null)));
            s.endOfBatch(Map.of(0, 7L, 3, 2L));
        }
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            assertThat(s.storedPositions()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 7L, 3, 2L));
            assertThat(s.find(EmailAddress.parse("gone@example.org"))).isPresent();
        }
    }

    @Test
    void aStoreReopenedWithoutItsSavedFilterShouldRebuildItAndStillFindEveryAddress() throws Exception {
        Path state = dir.resolve("crashed");
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            s.upsert("first@example.org", suppression("first@example.org", part(SuppressionSource.BOUNCE, null, null)));
            s.endOfBatch(Map.of(0, 1L));
        }
        assertThat(state.resolve("address-filter.bin")).exists();
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            // read once and deleted: a crash from here on must not leave a filter that lacks later keys
            assertThat(state.resolve("address-filter.bin")).doesNotExist();
            assertThat(s.find(EmailAddress.parse("first@example.org"))).isPresent();
            s.upsert("second@example.org", suppression("second@example.org", part(SuppressionSource.BOUNCE, null, null)));
            s.endOfBatch(Map.of(0, 2L));
        }
        Files.delete(state.resolve("address-filter.bin")); // as after a crash: no saved filter
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            assertThat(s.find(EmailAddress.parse("first@example.org"))).isPresent();
            assertThat(s.find(EmailAddress.parse("second@example.org"))).isPresent();
            assertThat(s.find(EmailAddress.parse("never@example.org"))).isEmpty();
        }
    }

    @Test
    void theFilterShouldGrowPastItsFirstSizeWithoutLosingAnAddress() {
        try (RocksSuppressionStore s = RocksSuppressionStore.open(dir.resolve("grows"), 1_000, UnsubscribeScope.LIST, clock)) {
            long first = s.filterBytes();
            for (int batch = 0; batch < 5; batch++) {
                for (int i = 0; i < 1_000; i++) {
                    String a = "u" + batch + "-" + i + "@example.org";
                    s.upsert(a, suppression(a, part(SuppressionSource.BOUNCE, null, null)));
                }
                s.endOfBatch(Map.of(0, (long) batch));
            }
            assertThat(s.filterBytes()).isGreaterThan(first);
            for (int batch = 0; batch < 5; batch++) {
                for (int i = 0; i < 1_000; i++) {
                    assertThat(s.find(EmailAddress.parse("u" + batch + "-" + i + "@example.org"))).as("%d-%d", batch, i).isPresent();
                }
            }
        }
    }

    @Test
    void updatesShouldNotBeVisibleNorPositionedBeforeTheEndOfTheirBatch() {
        try (RocksSuppressionStore s = RocksSuppressionStore.open(dir.resolve("b"), UnsubscribeScope.LIST, clock)) {
            s.upsert("gone@example.org", suppression("gone@example.org", part(SuppressionSource.BOUNCE, null, null)));

            assertThat(s.find(EmailAddress.parse("gone@example.org"))).isEmpty();
            assertThat(s.storedPositions()).isEmpty();

            s.endOfBatch(Map.of(0, 1L));
            assertThat(s.find(EmailAddress.parse("gone@example.org"))).isPresent();
        }
    }

    @Test
    void aTemporaryStoreShouldDeleteItsDirectoryOnClose() {
        RocksSuppressionStore s = RocksSuppressionStore.openTemporary(UnsubscribeScope.LIST, clock);
        Path d = s.directory();
        assertThat(d).exists();
        s.close();
        assertThat(Files.exists(d)).isFalse();
    }

    @Test
    void aSecondProcessOnTheSameDirectoryShouldBeRefusedNamingIt() {
        Path state = dir.resolve("locked");
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            assertThatThrownBy(() -> RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock))
                    .isInstanceOf(SuppressionStoreException.class)
                    .hasMessageContaining(state.toString()).hasMessageContaining("suppressions.state-dir");
        }
    }

    @Test
    void aLookupOnAClosedStoreShouldThrowInsteadOfCrashing() {
        RocksSuppressionStore s = RocksSuppressionStore.open(dir.resolve("c"), UnsubscribeScope.LIST, clock);
        s.close();
        assertThatThrownBy(() -> s.find(EmailAddress.parse("a@example.org"))).isInstanceOf(SuppressionStoreException.class);
    }
}
