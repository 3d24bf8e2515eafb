package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.GuardHold;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.suppress.SuppressionList;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.sites.MailboxProviders;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The campaign guard's hold at a mailbox provider is honoured as a campaign pause is: the campaign's
 * mail to that provider is skipped (and released once the hold is resumed), its mail to other
 * providers goes on.
 */
class MessageProcessorGuardTest {
    private static final String CAMPAIGN = "spring";
    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final CampaignCache campaigns = new CampaignCache();
    private final MailTransport transport = new MailTransport() {
        @Override
        public DeliveryOutcome send(RenderedMessage message) {
            sent.add(message.recipient().asString());
            return new DeliveryOutcome.Delivered(SmtpReply.of(250, "ok"), "mx.example.org");
        }

        @Override
        public void close() {
        }
    };
    private final MessageProcessor processor = new MessageProcessor(campaigns, new SuppressionList(clock),
            new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")), clock), transport, clock,
            Duration.ofMillis(10));

    @Test
    void aHeldProviderShouldBeSkippedAndTheOthersSent() throws Exception {
        campaigns.upsert(CAMPAIGN, Fixtures.campaign(CAMPAIGN).setGuardHolds(Map.of("google", hold(false))).build());
        MailMessage toGmail = Fixtures.campaignMessage(CAMPAIGN, "ann@gmail.com", Map.of("name", "Ann")).build();
        MailMessage toGooglemail = Fixtures.campaignMessage(CAMPAIGN, "bo@googlemail.com", Map.of("name", "Bo")).build();
        MailMessage toOutlook = Fixtures.campaignMessage(CAMPAIGN, "cy@outlook.com", Map.of("name", "Cy")).build();
        MailMessage toLongTail = Fixtures.campaignMessage(CAMPAIGN, "di@example.org", Map.of("name", "Di")).build();

        HoldReason.CampaignPaused atGoogle = new HoldReason.CampaignPaused(CAMPAIGN, "google");
        assertThat(processor.pausedCampaign(toGmail)).contains(atGoogle);
        assertThat(processor.pausedCampaign(toGooglemail)).contains(atGoogle);
        assertThat(processor.pausedCampaign(toOutlook)).isEmpty();
        assertThat(processor.pausedCampaign(toLongTail)).isEmpty();
        assertThat(processor.process(toGmail)).isEqualTo(new Decision.Hold(atGoogle));
        assertThat(processor.process(toOutlook)).isInstanceOf(Decision.Done.class);
        assertThat(processor.process(toLongTail)).isInstanceOf(Decision.Done.class);
        assertThat(sent).containsExactly("cy@outlook.com", "di@example.org");
        assertThat(processor.mayRelease(atGoogle)).isFalse();
    }

    @Test
    void aResumedHoldShouldReleaseTheProvider() throws Exception {
        campaigns.upsert(CAMPAIGN, Fixtures.campaign(CAMPAIGN).setGuardHolds(Map.of("google", hold(false))).build());
        HoldReason.CampaignPaused atGoogle = new HoldReason.CampaignPaused(CAMPAIGN, "google");
        assertThat(processor.mayRelease(atGoogle)).isFalse();

        campaigns.upsert(CAMPAIGN, Fixtures.campaign(CAMPAIGN).setStateVersion(2).setGuardHolds(Map.of("google", hold(true))).build());
        assertThat(processor.mayRelease(atGoogle)).isTrue();
        MailMessage toGmail = Fixtures.campaignMessage(CAMPAIGN, "ann@gmail.com", Map.of("name", "Ann")).build();
        assertThat(processor.pausedCampaign(toGmail)).isEmpty();
        assertThat(processor.process(toGmail)).isInstanceOf(Decision.Done.class);
        assertThat(sent).containsExactly("ann@gmail.com");
    }

    @Test
    void aCampaignWithoutAHoldShouldBeDecidedWithoutAskingTheProviderTable() throws Exception {
        List<Domain> asked = new CopyOnWriteArrayList<>();
        MessageProcessor counted = new MessageProcessor(campaigns, new SuppressionList(clock),
                new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")), clock), transport, clock,
                Duration.ofMillis(10), Pacing.unlimited(clock), () -> true, domain -> {
                    asked.add(domain);
                    return MailboxProviders.of(domain);
                });
        campaigns.upsert(CAMPAIGN, Fixtures.campaign(CAMPAIGN).build());
        campaigns.upsert("resumed", Fixtures.campaign("resumed").setGuardHolds(Map.of("google", hold(true))).build());
        assertThat(counted.process(Fixtures.campaignMessage(CAMPAIGN, "ann@gmail.com", Map.of("name", "Ann")).build()))
                .isInstanceOf(Decision.Done.class);
        assertThat(counted.process(Fixtures.campaignMessage("resumed", "bo@gmail.com", Map.of("name", "Bo")).build()))
                .isInstanceOf(Decision.Done.class);
        assertThat(asked).as("no provider lookup while the campaign holds none").isEmpty();

        campaigns.upsert(CAMPAIGN, Fixtures.campaign(CAMPAIGN).setStateVersion(2).setGuardHolds(Map.of("google", hold(false))).build());
        assertThat(counted.process(Fixtures.campaignMessage(CAMPAIGN, "cy@gmail.com", Map.of("name", "Cy")).build()))
                .isEqualTo(new Decision.Hold(new HoldReason.CampaignPaused(CAMPAIGN, "google")));
        assertThat(asked).as("a held campaign's mail is looked up").containsExactly(Domain.of("gmail.com"));
        assertThat(sent).containsExactly("ann@gmail.com", "bo@gmail.com");
    }

    private static GuardHold hold(boolean resumed) {
        return GuardHold.newBuilder().setRule("complaint-rate").setRate(0.002).setLine(0.001).setCount(2).setBase(1_000)
                .setWholeCampaign(false).setDecidedAt(Fixtures.NOW).setResumedAt(resumed ? Fixtures.NOW.plusSeconds(60) : null).build();
    }
}
