package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletedOffsetsTest {

    @Test
    void offsetsShouldRoundTripAsRangesRelativeToTheCommittedOffset() {
        String metadata = CompletedOffsets.encode(100, List.of(101L, 102L, 103L, 107L, 110L, 111L));

        assertThat(metadata).isEqualTo("msl1:1-3,7,10-11");
        assertThat(CompletedOffsets.decode(100, metadata)).containsExactly(101L, 102L, 103L, 107L, 110L, 111L);
    }

    @Test
    void nothingDoneShouldEncodeAsEmptyMetadata() {
        assertThat(CompletedOffsets.encode(5, List.of())).isEmpty();
        assertThat(CompletedOffsets.decode(5, "")).isEmpty();
    }

    @Test
    void foreignOrBrokenMetadataShouldSkipNothing() {
        assertThat(CompletedOffsets.decode(0, "written by another tool")).isEmpty();
        assertThat(CompletedOffsets.decode(0, "msl1:1-x")).isEmpty();
    }

    @Test
    void aLedgerTooLongForTheMetadataShouldBeCutAtARangeBoundary() {
        List<Long> scattered = new ArrayList<>();
        for (long o = 0; o < 20_000; o += 2) {
            scattered.add(o);
        }

        String metadata = CompletedOffsets.encode(0, scattered);

        assertThat(metadata.length()).isLessThanOrEqualTo(CompletedOffsets.MAX_CHARS);
        assertThat(CompletedOffsets.decode(0, metadata)).isNotEmpty().allMatch(o -> o % 2 == 0);
    }
}
