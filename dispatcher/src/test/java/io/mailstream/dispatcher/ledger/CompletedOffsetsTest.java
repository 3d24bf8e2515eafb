package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletedOffsetsTest {
    private static final Instant AT = Instant.ofEpochMilli(1_763_920_000_123L);

    @Test
    void offsetsShouldRoundTripAsRangesRelativeToTheCommittedOffsetWithTheCommitTime() {
        String metadata = CompletedOffsets.encode(100, List.of(101L, 102L, 103L, 107L, 110L, 111L), AT);

        assertThat(metadata).isEqualTo("msl2:1763920000123:1-3,7,10-11");
        assertThat(CompletedOffsets.decode(100, metadata)).containsExactly(101L, 102L, 103L, 107L, 110L, 111L);
        assertThat(CompletedOffsets.committedAt(metadata)).contains(AT);
        assertThat(CompletedOffsets.rangesOf(metadata)).isEqualTo("1-3,7,10-11");
    }

    @Test
    void nothingDoneShouldStillCarryTheCommitTime() {
        String metadata = CompletedOffsets.encode(5, List.of(), AT);

        assertThat(metadata).isEqualTo("msl2:1763920000123:");
        assertThat(CompletedOffsets.decode(5, metadata)).isEmpty();
        assertThat(CompletedOffsets.committedAt(metadata)).contains(AT);
        assertThat(CompletedOffsets.decode(5, "")).isEmpty();
    }

    @Test
    void theOldFormatShouldStillBeReadWithoutATime() {
        assertThat(CompletedOffsets.decode(100, "msl1:1-3,7")).containsExactly(101L, 102L, 103L, 107L);
        assertThat(CompletedOffsets.committedAt("msl1:1-3,7")).isEmpty();
        assertThat(CompletedOffsets.committedAt("")).isEmpty();
        assertThat(CompletedOffsets.committedAt(null)).isEmpty();
    }

    @Test
    void foreignOrBrokenMetadataShouldSkipNothing() {
        assertThat(CompletedOffsets.decode(0, "written by another tool")).isEmpty();
        assertThat(CompletedOffsets.decode(0, "msl1:1-x")).isEmpty();
        assertThat(CompletedOffsets.decode(0, "msl2:1-3")).isEmpty();
        assertThat(CompletedOffsets.decode(0, "msl2:notatime:1-3")).isEmpty();
        assertThat(CompletedOffsets.committedAt("msl2:notatime:1-3")).isEmpty();
    }

    @Test
    void aLedgerTooLongForTheMetadataShouldBeCutAtARangeBoundary() {
        List<Long> scattered = new ArrayList<>();
        for (long o = 0; o < 20_000; o += 2) {
            scattered.add(o);
        }

        String metadata = CompletedOffsets.encode(0, scattered, AT);

        assertThat(metadata.length()).isLessThanOrEqualTo(CompletedOffsets.MAX_CHARS);
        assertThat(CompletedOffsets.committedAt(metadata)).contains(AT);
        assertThat(CompletedOffsets.decode(0, metadata)).isNotEmpty().allMatch(o -> o % 2 == 0);
    }
}
