package io.mailstream.dispatcher.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionEntryTest {
    private static final java.time.Instant NOW = SuppressionStoreContract.NOW;

    @Test
    void anEntryShouldDecodeToWhatWasEncoded() {
        SuppressionEntry e = SuppressionEntry.fromAvro(SuppressionStoreContract.suppression("a@example.org",
                SuppressionStoreContract.part(SuppressionSource.UNSUBSCRIBE, null, "néws"),
                SuppressionStoreContract.part(SuppressionSource.BOUNCE, NOW.plus(Duration.ofDays(2)), null)));

        assertThat(SuppressionEntry.decode(e.encode())).isEqualTo(e);
        assertThat(e.encode().length).as("compact").isLessThan(64);
    }

    @Test
    void theScopeOfAPartOtherThanAnUnsubscribeShouldBeIgnored() {
        SuppressionEntry e = SuppressionEntry.fromAvro(SuppressionStoreContract.suppression("a@example.org",
                SuppressionStoreContract.part(SuppressionSource.COMPLAINT, null, "news")));

        assertThat(e.blocking(MessageKind.CAMPAIGN, Optional.of("offers"), UnsubscribeScope.LIST, NOW.toEpochMilli())).isPresent();
    }

    @Test
    void aLongManualReasonShouldBeCut() {
        SuppressionPart manual = SuppressionStoreContract.part(SuppressionSource.MANUAL, null, null);
        manual.setReason("x".repeat(5_000));
        SuppressionEntry e = SuppressionEntry.fromAvro(SuppressionStoreContract.suppression("a@example.org", manual));

        assertThat(e.parts().getFirst().reason()).hasSize(SuppressionEntry.MAX_REASON_CHARS);
    }

    @Test
    void moreUnsubscribesThanAnEntryHoldsShouldBecomeOneThatBlocksEveryList() {
        List<SuppressionPart> parts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            parts.add(SuppressionStoreContract.part(SuppressionSource.UNSUBSCRIBE, null, "list" + i));
        }
        parts.add(SuppressionStoreContract.part(SuppressionSource.BOUNCE, NOW.plus(Duration.ofDays(1)), null));
        SuppressionEntry e = SuppressionEntry.decode(SuppressionEntry.fromAvro(SuppressionStoreContract.suppression("a@example.org",
                parts.toArray(SuppressionPart[]::new))).encode());

        assertThat(e.parts()).hasSize(2);
        assertThat(e.blocking(MessageKind.CAMPAIGN, Optional.of("never-seen"), UnsubscribeScope.LIST,
                NOW.plus(Duration.ofDays(2)).toEpochMilli())).isPresent();
    }

    @Test
    void truncatedOrForeignBytesShouldBeRefused() {
        byte[] good = SuppressionEntry.fromAvro(SuppressionStoreContract.suppression("a@example.org",
                SuppressionStoreContract.part(SuppressionSource.BOUNCE, null, null))).encode();

        assertThatThrownBy(() -> SuppressionEntry.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SuppressionEntry.decode(new byte[] {9, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format");
    }
}
