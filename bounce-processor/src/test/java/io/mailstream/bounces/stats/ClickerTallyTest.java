package io.mailstream.bounces.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClickerTallyTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Map<String, String> RECIPIENTS = Map.of("m1", "ann@example.com", "m2", "bob@example.com",
            "m3", "cat@example.com");

    private final ClickerTally tally = new ClickerTally("c1");

    @Test
    void recipientsWhoClickedShouldBeListedMostClicksFirstWithTheirLinks() {
        tally.accept(click("m2", "c1", 0, T0.plusSeconds(5), false));
        tally.accept(click("m1", "c1", 1, T0.plusSeconds(1), false));
        tally.accept(click("m1", "c1", 0, T0.plusSeconds(9), false));
        tally.accept(click("m3", "c1", 2, T0.plusSeconds(3), false));

        assertThat(tally.count()).isEqualTo(3);
        assertThat(tally.page(0, 10, this::recipientOf))
                .extracting(Clicker::recipient, Clicker::clicks)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann@example.com", 2L),
                        org.assertj.core.groups.Tuple.tuple("cat@example.com", 1L), // 1 click each: the earlier first click first
                        org.assertj.core.groups.Tuple.tuple("bob@example.com", 1L));
        Clicker ann = tally.page(0, 1, this::recipientOf).getFirst();
        assertThat(ann.links()).containsExactly(0, 1);
        assertThat(ann.firstClickAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(ann.lastClickAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void machineClicksOpensAndOtherCampaignsShouldNotMakeAClicker() {
        tally.accept(click("m1", "c1", 0, T0, true));
        tally.accept(click("m2", "other", 0, T0, false));
        tally.accept(EngagementEvent.newBuilder(click("m3", "c1", 0, T0, false)).setKind(EngagementKind.OPENED).setLinkIndex(null)
                .setUrl(null).build());

        assertThat(tally.count()).isZero();
        assertThat(tally.page(0, 10, this::recipientOf)).isEmpty();
    }

    @Test
    void pagesShouldBeBoundedAndNotOverlap() {
        for (int i = 0; i < 25; i++) {
            tally.accept(click("p" + i, "c1", 0, T0.plusSeconds(i), false));
        }
        var first = tally.page(0, 10, id -> Optional.empty());
        var second = tally.page(10, 10, id -> Optional.empty());
        var last = tally.page(20, 10, id -> Optional.empty());

        assertThat(first).hasSize(10);
        assertThat(last).hasSize(5);
        assertThat(first).extracting(Clicker::messageId).doesNotContainAnyElementsOf(second.stream().map(Clicker::messageId).toList());
        assertThat(first.getFirst().recipient()).as("no delivery event read for the message").isNull();
        assertThatThrownBy(() -> tally.page(0, ClickerTally.MAX_PAGE + 1, id -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Optional<String> recipientOf(String messageId) {
        return Optional.ofNullable(RECIPIENTS.get(messageId));
    }

    private static EngagementEvent click(String messageId, String campaignId, int link, Instant at, boolean machine) {
        return EngagementEvent.newBuilder().setEventId(messageId + "-" + at.toEpochMilli() + "-" + link).setMessageId(messageId)
                .setCampaignId(campaignId).setKind(EngagementKind.CLICKED).setLinkIndex(link).setUrl("https://example.com/" + link)
                .setMachine(machine).setMachineReason(machine ? "user-agent" : null).setClientClass(machine ? "SCANNER" : "BROWSER")
                .setIpClass("PUBLIC_V4").setTimestamp(at).build();
    }
}
