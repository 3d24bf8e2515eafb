package io.mailstream.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.Sender;
import io.mailstream.console.state.CampaignRow;
import io.mailstream.console.state.PipelineState;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The console counting with the launcher's counters (the bounce processor's tally), through its {@code PipelineState}. */
class ConsoleCountingTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private final PipelineState state = new PipelineState(Clock.systemUTC(), ConsoleAssembly.counting());

    @Test
    void reportsReadBeforeTheirMessagesDeliveryEventShouldCountAsIfReadAfterIt() {
        state.acceptCampaign("c1", Campaign.newBuilder().setId("c1").setVersion(1).setName("c1")
                .setSender(Sender.newBuilder().setAddress("news@example.org").build()).setSubjectTemplate("hi")
                .setState(CampaignState.SENDING).setUpdatedAt(T0).setStateVersion(1).build());
        // the console reads mail.bounces.raw beside mail.delivery-events: a relay's quick DSN often comes first
        state.acceptReceivedDelay("m1");
        state.acceptReceivedBounce("m2", "b@example.org", "userunknown");
        state.acceptComplaint("m3");
        state.acceptReceivedBounce("m4", "someone-else@example.org", "userunknown");
        assertThat(state.heldReports()).isEqualTo(4);

        delivered("m1", "a@example.org");
        delivered("m2", "b@example.org");
        delivered("m3", "c@example.org");
        delivered("m4", "d@example.org");

        CampaignRow row = state.campaign("c1").orElseThrow();
        assertThat(row.delivered()).as("m1, m3 and m4 (its DSN named another recipient)").isEqualTo(3);
        assertThat(row.bounced()).isEqualTo(1);
        assertThat(row.deferred()).isEqualTo(1);
        assertThat(row.complaints()).isEqualTo(1);
        assertThat(state.heldReports()).isZero();
    }

    private void delivered(String messageId, String recipient) {
        state.acceptEvent(DeliveryEvent.newBuilder().setMessageId(messageId).setCampaignId("c1").setRecipient(recipient)
                .setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250).setReplyText("250 ok").setAttempt(1).setTimestamp(T0)
                .setDispatcherId("d1").build());
    }
}
