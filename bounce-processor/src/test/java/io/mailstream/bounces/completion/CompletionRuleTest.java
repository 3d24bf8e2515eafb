package io.mailstream.bounces.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.Sender;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompletionRuleTest {

    private static Campaign campaign(CampaignState state, Long expected) {
        return Campaign.newBuilder().setId("c").setVersion(1).setSender(Sender.newBuilder().setAddress("a@example.org").build())
                .setSubjectTemplate("s").setState(state).setUpdatedAt(Instant.EPOCH).setStateVersion(3)
                .setExpectedMessages(expected).build();
    }

    @Test
    void sendingCampaignWithEveryMessageFinishedShouldBeComplete() {
        assertThat(CompletionRule.isComplete(campaign(CampaignState.SENDING, 10L), 10)).isTrue();
        assertThat(CompletionRule.isComplete(campaign(CampaignState.PAUSED, 10L), 10)).isTrue();
    }

    @Test
    void campaignWithAMessageStillOpenShouldNotBeComplete() {
        assertThat(CompletionRule.isComplete(campaign(CampaignState.SENDING, 10L), 9)).isFalse();
    }

    @Test
    void campaignWhoseLaunchIsStillPublishingShouldNotBeComplete() {
        assertThat(CompletionRule.isComplete(campaign(CampaignState.SENDING, null), 1_000)).isFalse();
    }

    @Test
    void finalOrDraftCampaignShouldNeverBeMarkedDone() {
        assertThat(CompletionRule.isComplete(campaign(CampaignState.CANCELLED, 10L), 10)).isFalse();
        assertThat(CompletionRule.isComplete(campaign(CampaignState.DONE, 10L), 10)).isFalse();
        assertThat(CompletionRule.isComplete(campaign(CampaignState.DRAFT, 10L), 10)).isFalse();
    }

    @Test
    void emptyListShouldBeCompleteAtOnce() {
        assertThat(CompletionRule.isComplete(campaign(CampaignState.SENDING, 0L), 0)).isTrue();
    }
}
