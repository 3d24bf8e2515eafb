package io.mailstream.dispatcher.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Suppression;
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

    /**
     * The heap index answers most hits: whatever the mix of parts, lists and kinds, the store must
     * answer exactly as the entries say (the heap list is the reference), before and after a
     * restart (index read from its file) and after a crash (index rebuilt from the store).
     */
    @Test
    void everyLookupShouldAnswerAsTheEntriesSayWithTheIndexSavedRebuiltOrFresh() throws Exception {
        Path state = dir.resolve("mixed");
        SuppressionList reference = new SuppressionList(clock, UnsubscribeScope.LIST);
        java.util.SplittableRandom random = new java.util.SplittableRandom(13);
        java.time.Instant later = NOW.plus(java.time.Duration.ofDays(3));
        int n = 3_000;
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < n; i++) {
                    String a = "u" + random.nextInt(n) + "@d" + (i % 7) + ".example";
                    Suppression v = switch (random.nextInt(6)) {
                        case 0 -> suppression(a, part(SuppressionSource.BOUNCE, null, null));
                        case 1 -> suppression(a, part(SuppressionSource.UNSUBSCRIBE, null, "list" + random.nextInt(3)));
                        case 2 -> suppression(a, part(SuppressionSource.UNSUBSCRIBE, null, "list0"),
                                part(SuppressionSource.UNSUBSCRIBE, null, "list1"));
                        case 3 -> suppression(a, part(SuppressionSource.BOUNCE, later, null));
                        case 4 -> suppression(a, part(SuppressionSource.UNSUBSCRIBE, null, null),
                                part(SuppressionSource.MANUAL, null, null));
                        default -> null;
                    };
                    if (v == null) {
                        s.remove(a);
                        reference.remove(a);
                    } else {
                        s.upsert(a, v);
                        reference.upsert(a, v);
                    }
                }
                s.endOfBatch(Map.of(0, (long) round));
                reference.endOfBatch(Map.of(0, (long) round));
            }
            assertSameAnswers(s, reference, n);
        }
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            assertSameAnswers(s, reference, n); // the saved index
        }
        assertThat(state.resolve("blocking-index.bin")).exists();
        Files.delete(state.resolve("blocking-index.bin")); // as after a crash
        try (RocksSuppressionStore s = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            assertSameAnswers(s, reference, n); // rebuilt from the store
            clock.advance(java.time.Duration.ofDays(4)); // the windows end; the index never held them
            assertSameAnswers(s, reference, n);
        }
    }

    private static void assertSameAnswers(SuppressionStore store, SuppressionStore reference, int n) {
        int blocked = 0;
        for (int u = 0; u < n; u++) {
            for (int d = 0; d < 7; d++) {
                EmailAddress a = EmailAddress.parse("u" + u + "@d" + d + ".example");
                for (io.mailstream.avro.MessageKind kind : io.mailstream.avro.MessageKind.values()) {
                    for (java.util.Optional<String> list : java.util.List.of(java.util.Optional.<String>empty(),
                            java.util.Optional.of("list0"), java.util.Optional.of("list2"))) {
                        var expected = reference.find(a, kind, list);
                        assertThat(store.find(a, kind, list)).as("%s %s %s", a, kind, list).isEqualTo(expected);
                        blocked += expected.isPresent() ? 1 : 0;
                    }
                }
            }
        }
        assertThat(blocked).as("the mix blocks some lookups").isGreaterThan(n);
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
