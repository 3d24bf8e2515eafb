package io.mailstream.bounces.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.suppress.SuppressionParts.Part;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionPartsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void unsubscribesFromTwoListsShouldStayTwoPartsAndSurviveTheWire() {
        SuppressionParts news = SuppressionParts.of(Part.of(PartKind.UNSUBSCRIBE, "unsubscribe", T0, null, "news"));
        SuppressionParts offers = SuppressionParts.of(Part.of(PartKind.UNSUBSCRIBE, "unsubscribe", T0.plusSeconds(1), null, "offers"));
        SuppressionParts both = news.union(offers).union(news);

        assertThat(both.parts()).extracting(Part::scope).containsExactly("news", "offers");
        Suppression wire = both.toAvro("ann@example.org");
        assertThat(wire.getParts()).extracting(p -> p.getScope()).containsExactly("news", "offers");
        assertThat(SuppressionParts.fromAvro(wire)).isEqualTo(both);
    }

    @Test
    void softBouncesShouldNotTouchAScopedUnsubscribeAndItsExpiryShouldLeaveIt() {
        SuppressionParts held = SuppressionParts.of(Part.of(PartKind.UNSUBSCRIBE, "unsubscribe", T0, null, "news"))
                .plusOccurrence(Part.of(PartKind.SOFT_BOUNCE, "mailboxfull", T0, T0.plus(Duration.ofDays(30))));

        SuppressionParts after = held.expiredAt(T0.plus(Duration.ofDays(31)).toEpochMilli());

        assertThat(after.parts()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(PartKind.UNSUBSCRIBE);
            assertThat(p.scope()).isEqualTo("news");
        });
    }

    @Test
    void aScopeOnAnythingButAnUnsubscribeShouldBeRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Part.of(PartKind.HARD_BOUNCE, "userunknown", T0, null, "news"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only an unsubscribe has a scope");
    }

    @Test
    void aShorterManualEntryShouldNotShortenALongerOne() {
        SuppressionParts longer = SuppressionParts.of(Part.of(PartKind.MANUAL, "a", T0, T0.plus(Duration.ofDays(30))));
        SuppressionParts shorter = SuppressionParts.of(Part.of(PartKind.MANUAL, "b", T0.plusSeconds(1), T0.plus(Duration.ofDays(1))));

        assertThat(longer.union(shorter).part(PartKind.MANUAL).orElseThrow().expiresAtMillis())
                .isEqualTo(T0.plus(Duration.ofDays(30)).toEpochMilli());
    }

    @Test
    void aTemporaryEntryShouldNotReplaceAPermanentOneOfTheSameKind() {
        SuppressionParts permanent = SuppressionParts.of(Part.of(PartKind.MANUAL, "for good", T0, null));
        SuppressionParts temporary = SuppressionParts.of(Part.of(PartKind.MANUAL, "a day", T0.plusSeconds(1), T0.plus(Duration.ofDays(1))));

        assertThat(permanent.union(temporary).toAvro("a@example.org").getExpiresAt()).isNull();
    }

    @Test
    void unionShouldBeIdempotentSoARecordReadTwiceIsNotCountedTwice() {
        SuppressionParts hard = SuppressionParts.none()
                .plusOccurrence(Part.of(PartKind.HARD_BOUNCE, "userunknown", T0, null))
                .plusOccurrence(Part.of(PartKind.HARD_BOUNCE, "userunknown", T0.plusSeconds(5), null));

        assertThat(hard.union(hard)).isEqualTo(hard);
        assertThat(hard.part(PartKind.HARD_BOUNCE).orElseThrow().count()).isEqualTo(2);
    }

    @Test
    void topLevelFieldsShouldShowThePermanentPartWhileATemporaryOneIsLater() {
        SuppressionParts parts = SuppressionParts.of(Part.of(PartKind.UNSUBSCRIBE, "unsubscribe", T0, null))
                .plusOccurrence(Part.of(PartKind.SOFT_BOUNCE, "mailboxfull", T0.plusSeconds(60), T0.plus(Duration.ofDays(30))));

        Suppression s = parts.toAvro("a@example.org");

        assertThat(s.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
        assertThat(s.getExpiresAt()).isNull();
        assertThat(s.getLastSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(SuppressionParts.fromAvro(s)).isEqualTo(parts);
    }

    @Test
    void expiryShouldRemoveOnlyTheEndedPart() {
        SuppressionParts parts = SuppressionParts.of(Part.of(PartKind.UNSUBSCRIBE, "unsubscribe", T0, null))
                .plusOccurrence(Part.of(PartKind.SOFT_BOUNCE, "mailboxfull", T0, T0.plus(Duration.ofDays(30))));

        SuppressionParts left = parts.expiredAt(T0.plus(Duration.ofDays(31)).toEpochMilli());

        assertThat(left.parts()).extracting(Part::kind).containsExactly(PartKind.UNSUBSCRIBE);
    }

    @Test
    void aRecordWrittenBeforePartsExistedShouldReadAsOnePart() {
        Suppression old = ManualSuppressions.of(EmailAddress.parse("a@example.org"), "mailboxfull", SuppressionSource.BOUNCE, T0,
                Optional.of(T0.plus(Duration.ofDays(30))));

        assertThat(SuppressionParts.fromAvro(old).parts()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(PartKind.SOFT_BOUNCE));
    }
}
