package io.mailstream.dispatcher.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link SuppressionStore} does, on the heap or on disk. */
abstract class SuppressionStoreContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    protected final MutableClock clock = new MutableClock(NOW);
    private SuppressionStore store;

    /** A new, empty store on {@link #clock}. */
    protected abstract SuppressionStore newStore(UnsubscribeScope unsubscribes);

    protected SuppressionStore store() {
        if (store == null) {
            store = newStore(UnsubscribeScope.LIST);
        }
        return store;
    }

    protected SuppressionStore store(UnsubscribeScope unsubscribes) {
        store = newStore(unsubscribes);
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static SuppressionPart part(SuppressionSource source, Instant expiresAt, String scope) {
        return SuppressionPart.newBuilder().setSource(source).setReason(source.name().toLowerCase(Locale.ROOT))
                .setFirstSeen(NOW).setLastSeen(NOW).setExpiresAt(expiresAt).setScope(scope).build();
    }

    static Suppression suppression(String address, SuppressionPart... parts) {
        SuppressionPart first = parts[0];
        return Suppression.newBuilder().setAddress(address).setReason(first.getReason()).setSource(first.getSource())
                .setFirstSeen(NOW).setLastSeen(NOW).setExpiresAt(first.getExpiresAt()).setParts(List.of(parts)).build();
    }

    private static EmailAddress a(String s) {
        return EmailAddress.parse(s);
    }

    /** Applies the updates as the follower does: a batch, then its end. */
    private void apply(SuppressionStore s, Suppression... values) {
        for (Suppression v : values) {
            s.upsert(v.getAddress(), v);
        }
        s.endOfBatch(Map.of(0, (long) values.length));
    }

    @Test
    void aHardBounceShouldBlockEveryKindOfMailAndATombstoneShouldLiftIt() {
        SuppressionStore s = store();
        apply(s, suppression("gone@example.org", part(SuppressionSource.BOUNCE, null, null)));

        assertThat(s.find(a("gone@example.org"))).map(Suppressed::source).contains(SuppressionSource.BOUNCE);
        assertThat(s.find(a("GONE@Example.ORG"), MessageKind.TRANSACTIONAL)).as("normalised").isPresent();
        assertThat(s.find(a("other@example.org"))).isEmpty();

        s.remove("gone@example.org");
        s.endOfBatch(Map.of(0, 2L));
        assertThat(s.find(a("gone@example.org"))).isEmpty();
    }

    @Test
    void aSoftBounceWindowShouldStopBlockingWhenItEnds() {
        SuppressionStore s = store();
        apply(s, suppression("full@example.org", part(SuppressionSource.BOUNCE, NOW.plus(Duration.ofDays(3)), null)));

        assertThat(s.find(a("full@example.org"), MessageKind.TRANSACTIONAL)).isPresent();
        clock.advance(Duration.ofDays(3));
        assertThat(s.find(a("full@example.org"))).isEmpty();
    }

    @Test
    void anUnsubscribeShouldBlockCampaignMailOfItsOwnListOnly() {
        SuppressionStore s = store();
        apply(s, suppression("ann@example.org", part(SuppressionSource.UNSUBSCRIBE, null, "news")));

        assertThat(s.find(a("ann@example.org"), MessageKind.CAMPAIGN, Optional.of("news")))
                .map(Suppressed::scope).contains(Optional.of("news"));
        assertThat(s.find(a("ann@example.org"), MessageKind.CAMPAIGN, Optional.of("offers"))).isEmpty();
        assertThat(s.find(a("ann@example.org"), MessageKind.CAMPAIGN, Optional.empty()))
                .as("a campaign without a list is blocked by any unsubscribe").isPresent();
        assertThat(s.find(a("ann@example.org"), MessageKind.TRANSACTIONAL, Optional.empty())).isEmpty();
    }

    @Test
    void unsubscribesFromSeveralListsShouldEachBlockTheirOwn() {
        SuppressionStore s = store();
        apply(s, suppression("bob@example.org", part(SuppressionSource.UNSUBSCRIBE, null, "news"),
                part(SuppressionSource.UNSUBSCRIBE, null, "offers")));

        assertThat(s.find(a("bob@example.org"), MessageKind.CAMPAIGN, Optional.of("news"))).isPresent();
        assertThat(s.find(a("bob@example.org"), MessageKind.CAMPAIGN, Optional.of("offers"))).isPresent();
        assertThat(s.find(a("bob@example.org"), MessageKind.CAMPAIGN, Optional.of("events"))).isEmpty();
    }

    @Test
    void anUnscopedUnsubscribeShouldBlockEveryListButNotTransactionalMail() {
        SuppressionStore s = store();
        apply(s, suppression("cy@example.org", part(SuppressionSource.UNSUBSCRIBE, null, null)));

        assertThat(s.find(a("cy@example.org"), MessageKind.CAMPAIGN, Optional.of("offers"))).isPresent();
        assertThat(s.find(a("cy@example.org"), MessageKind.TRANSACTIONAL)).isEmpty();
    }

    @Test
    void globalUnsubscribeScopeShouldLetAScopedUnsubscribeBlockEveryList() {
        SuppressionStore s = store(UnsubscribeScope.GLOBAL);
        apply(s, suppression("dee@example.org", part(SuppressionSource.UNSUBSCRIBE, null, "news")));

        assertThat(s.find(a("dee@example.org"), MessageKind.CAMPAIGN, Optional.of("offers"))).isPresent();
        assertThat(s.find(a("dee@example.org"), MessageKind.TRANSACTIONAL)).isEmpty();
    }

    @Test
    void aComplaintNextToAScopedUnsubscribeShouldBlockEverythingAndBeTheReasonShown() {
        SuppressionStore s = store();
        apply(s, suppression("eve@example.org", part(SuppressionSource.UNSUBSCRIBE, null, "news"),
                part(SuppressionSource.COMPLAINT, null, null)));

        assertThat(s.find(a("eve@example.org"), MessageKind.CAMPAIGN, Optional.of("news")))
                .map(Suppressed::source).contains(SuppressionSource.COMPLAINT);
        assertThat(s.find(a("eve@example.org"), MessageKind.TRANSACTIONAL)).isPresent();
    }

    @Test
    void aRecordWrittenBeforePartsExistedShouldBeReadFromItsTopLevelFields() {
        SuppressionStore s = store();
        Suppression old = Suppression.newBuilder().setAddress("old@example.org").setReason("unsubscribe")
                .setSource(SuppressionSource.UNSUBSCRIBE).setFirstSeen(NOW).setLastSeen(NOW).build();
        apply(s, old);

        assertThat(s.find(a("old@example.org"), MessageKind.CAMPAIGN, Optional.of("any"))).isPresent();
        assertThat(s.find(a("old@example.org"), MessageKind.TRANSACTIONAL)).isEmpty();
    }

    @Test
    void aLaterRecordShouldReplaceTheEarlierOneOfTheSameAddress() {
        SuppressionStore s = store();
        apply(s, suppression("fay@example.org", part(SuppressionSource.BOUNCE, null, null)));
        apply(s, suppression("fay@example.org", part(SuppressionSource.UNSUBSCRIBE, null, "news")));

        assertThat(s.find(a("fay@example.org"), MessageKind.TRANSACTIONAL)).isEmpty();
        assertThat(s.find(a("fay@example.org"), MessageKind.CAMPAIGN, Optional.of("news"))).isPresent();
    }
}
