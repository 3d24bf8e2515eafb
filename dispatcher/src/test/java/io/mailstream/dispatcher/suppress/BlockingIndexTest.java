package io.mailstream.dispatcher.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.SuppressionSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockingIndexTest {
    private static final long PERMANENT = SuppressionEntry.PERMANENT;
    private static final Optional<String> LIST0 = Optional.of("list0");

    @TempDir
    Path dir;

    private static SuppressionEntry entry(SuppressionEntry.Part... parts) {
        return new SuppressionEntry(List.of(parts));
    }

    private static SuppressionEntry.Part part(SuppressionSource source, long expires, String scope) {
        return new SuppressionEntry.Part(source, expires, source.name().toLowerCase(java.util.Locale.ROOT), scope);
    }

    @Test
    void aHardBounceShouldBeAnsweredBlockedForEveryKindAndList() {
        BlockingIndex index = BlockingIndex.empty();
        index.put(1L, entry(part(SuppressionSource.BOUNCE, PERMANENT, null)));

        for (MessageKind kind : MessageKind.values()) {
            Suppressed s = index.blocking(1L, kind, LIST0, UnsubscribeScope.LIST);
            assertThat(s).as("%s", kind).isNotNull();
            assertThat(s.source()).isEqualTo(SuppressionSource.BOUNCE);
            assertThat(s.expiresAt()).isEmpty();
        }
        assertThat(index.blocking(2L, MessageKind.CAMPAIGN, LIST0, UnsubscribeScope.LIST)).as("another address").isNull();
    }

    @Test
    void anUnsubscribeFromAnotherListShouldBeLeftToTheStoreNeverAnsweredNotBlocked() {
        BlockingIndex index = BlockingIndex.empty();
        index.put(7L, entry(part(SuppressionSource.UNSUBSCRIBE, PERMANENT, "list3")));

        assertThat(index.blocking(7L, MessageKind.CAMPAIGN, Optional.of("list3"), UnsubscribeScope.LIST).scope()).contains("list3");
        assertThat(index.blocking(7L, MessageKind.CAMPAIGN, Optional.empty(), UnsubscribeScope.LIST)).isNotNull();
        assertThat(index.blocking(7L, MessageKind.CAMPAIGN, LIST0, UnsubscribeScope.GLOBAL)).isNotNull();
        // null means "ask the store": the index never says an address is free to mail
        assertThat(index.blocking(7L, MessageKind.CAMPAIGN, LIST0, UnsubscribeScope.LIST)).isNull();
        assertThat(index.blocking(7L, MessageKind.TRANSACTIONAL, Optional.of("list3"), UnsubscribeScope.LIST)).isNull();
    }

    @Test
    void entriesWhoseAnswerDependsOnTheTimeOrOnSeveralListsShouldNotBeHeld() {
        assertThat(BlockingIndex.verdictOf(entry(part(SuppressionSource.BOUNCE, PERMANENT, null),
                part(SuppressionSource.BOUNCE, 1_000L, null)))).isNull();
        assertThat(BlockingIndex.verdictOf(entry(part(SuppressionSource.UNSUBSCRIBE, PERMANENT, "a"),
                part(SuppressionSource.UNSUBSCRIBE, PERMANENT, "b")))).isNull();
        assertThat(BlockingIndex.verdictOf(entry(part(SuppressionSource.UNSUBSCRIBE, PERMANENT, "a"),
                part(SuppressionSource.COMPLAINT, PERMANENT, null))).source()).isEqualTo(SuppressionSource.COMPLAINT);

        BlockingIndex index = BlockingIndex.empty();
        index.put(5L, entry(part(SuppressionSource.BOUNCE, PERMANENT, null)));
        index.put(5L, entry(part(SuppressionSource.BOUNCE, 1_000L, null)));
        assertThat(index.blocking(5L, MessageKind.TRANSACTIONAL, LIST0, UnsubscribeScope.LIST)).as("replaced by a window").isNull();
    }

    @Test
    void aRemovedAddressShouldBeLeftToTheStore() {
        BlockingIndex index = BlockingIndex.empty();
        index.put(9L, entry(part(SuppressionSource.COMPLAINT, PERMANENT, null)));
        index.remove(9L);

        assertThat(index.blocking(9L, MessageKind.CAMPAIGN, LIST0, UnsubscribeScope.LIST)).isNull();
        assertThat(index.occupied()).isZero();
    }

    @Test
    void growingShouldKeepEveryEntry() {
        BlockingIndex index = BlockingIndex.withSlots(BlockingIndex.WAYS);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            index.put(AddressFilter.hash("user" + i + "@example.org"), entry(part(SuppressionSource.BOUNCE, PERMANENT, null)));
        }

        assertThat(index.sizeBytes()).isGreaterThan(BlockingIndex.WAYS * Long.BYTES);
        long held = 0;
        for (int i = 0; i < n; i++) {
            if (index.blocking(AddressFilter.hash("user" + i + "@example.org"), MessageKind.CAMPAIGN, LIST0, UnsubscribeScope.LIST) != null) {
                held++;
            }
        }
        // below its largest size the table doubles rather than let a new entry replace an old one
        assertThat(held).isEqualTo(n);
        for (int i = n; i < n + 100_000; i++) {
            assertThat(index.blocking(AddressFilter.hash("user" + i + "@example.org"), MessageKind.CAMPAIGN, LIST0,
                    UnsubscribeScope.LIST)).as("never put: %d", i).isNull();
        }
    }

    @Test
    void moreDistinctVerdictsThanItHoldsShouldLeaveTheRestToTheStore() {
        BlockingIndex index = BlockingIndex.empty();
        for (int i = 0; i <= BlockingIndex.MAX_VERDICTS; i++) {
            index.put(i + 1L, entry(new SuppressionEntry.Part(SuppressionSource.MANUAL, PERMANENT, "reason " + i, null)));
        }

        assertThat(index.blocking(1L, MessageKind.CAMPAIGN, LIST0, UnsubscribeScope.LIST).reason()).isEqualTo("reason 0");
        assertThat(index.blocking(BlockingIndex.MAX_VERDICTS + 1L, MessageKind.CAMPAIGN, LIST0, UnsubscribeScope.LIST)).isNull();
    }

    @Test
    void aSavedIndexShouldLoadWithTheSameAnswers() throws Exception {
        BlockingIndex index = BlockingIndex.empty();
        index.put(1L, entry(part(SuppressionSource.BOUNCE, PERMANENT, null)));
        index.put(2L, entry(part(SuppressionSource.UNSUBSCRIBE, PERMANENT, "list3")));
        Path file = dir.resolve("index.bin");
        index.save(file);

        BlockingIndex loaded = BlockingIndex.load(file);
        assertThat(loaded.blocking(1L, MessageKind.TRANSACTIONAL, LIST0, UnsubscribeScope.LIST))
                .isEqualTo(index.blocking(1L, MessageKind.TRANSACTIONAL, LIST0, UnsubscribeScope.LIST)).isNotNull();
        assertThat(loaded.blocking(2L, MessageKind.CAMPAIGN, Optional.of("list3"), UnsubscribeScope.LIST).scope()).contains("list3");
        assertThat(loaded.blocking(2L, MessageKind.CAMPAIGN, LIST0, UnsubscribeScope.LIST)).isNull();
        assertThat(loaded.occupied()).isEqualTo(2);
    }

    @Test
    void aTruncatedOrForeignFileShouldBeRefused() throws Exception {
        BlockingIndex index = BlockingIndex.empty();
        index.put(1L, entry(part(SuppressionSource.BOUNCE, PERMANENT, null)));
        Path file = dir.resolve("index.bin");
        index.save(file);
        byte[] bytes = java.nio.file.Files.readAllBytes(file);

        java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlockingIndex.load(file)).isInstanceOf(java.io.IOException.class);
        java.nio.file.Files.write(file, "not an index at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlockingIndex.load(file)).isInstanceOf(java.io.IOException.class);
    }
}
