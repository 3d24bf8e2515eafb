package io.mailstream.dispatcher.consume;

import io.mailstream.avro.CampaignState;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.TemplateRef;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.suppress.SuppressionList;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides the fate of one decoded message, in the order that costs least: expired, invalid
 * recipient, suppressed, campaign cancelled or paused, render, and only then SMTP. One message at
 * a time; per-domain queues will call it from their own workers.
 */
public final class MessageProcessor {
    private final CampaignCache campaigns;
    private final SuppressionList suppressions;
    private final MessageRenderer renderer;
    private final MailTransport transport;
    private final Clock clock;
    private final Duration campaignWait;

    public MessageProcessor(CampaignCache campaigns, SuppressionList suppressions, MessageRenderer renderer,
                            MailTransport transport, Clock clock, Duration campaignWait) {
        this.campaigns = campaigns;
        this.suppressions = suppressions;
        this.renderer = renderer;
        this.transport = transport;
        this.clock = clock;
        this.campaignWait = campaignWait;
    }

    public Decision process(MailMessage m) throws InterruptedException {
        Instant now = clock.instant();
        if (m.getExpiresAt() != null && !now.isBefore(m.getExpiresAt())) {
            return done(new DeliveryOutcome.Expired("message expired at " + m.getExpiresAt() + " before delivery"));
        }
        EmailAddress recipient;
        try {
            recipient = EmailAddress.parse(m.getTo());
        } catch (InvalidAddressException e) {
            return done(new DeliveryOutcome.Rejected("recipient address is invalid: " + e.getMessage()));
        }
        Optional<Suppression> suppression = suppressions.find(recipient);
        if (suppression.isPresent()) {
            Suppression s = suppression.get();
            return done(new DeliveryOutcome.Suppressed("recipient is suppressed (" + s.getSource() + ": " + s.getReason() + ")"));
        }
        Optional<CampaignSnapshot> campaign = Optional.empty();
        if (m.getTemplate() != null) {
            TemplateRef ref = m.getTemplate();
            campaign = campaigns.await(ref.getCampaignId(), ref.getVersion(), campaignWait);
            if (campaign.isEmpty()) {
                return done(new DeliveryOutcome.Rejected("campaign " + ref.getCampaignId() + " version " + ref.getVersion()
                        + " is unknown (waited " + campaignWait + " for mail.campaigns)"));
            }
        } else if (m.getCampaignId() != null) {
            campaign = campaigns.latest(m.getCampaignId());
            if (campaign.isEmpty() && m.getInline() == null) {
                campaign = campaigns.await(m.getCampaignId(), 0, campaignWait);
            }
        }
        if (campaign.isPresent()) {
            CampaignState state = campaign.get().state();
            if (state == CampaignState.CANCELLED) {
                return done(new DeliveryOutcome.Cancelled("campaign " + campaign.get().id() + " was cancelled"));
            }
            if (state == CampaignState.PAUSED || state == CampaignState.DRAFT) {
                return new Decision.Hold(campaign.get().id());
            }
        }
        RenderResult rendered = renderer.render(m, campaign);
        if (rendered instanceof RenderResult.Failed f) {
            return done(new DeliveryOutcome.Rejected(f.reason()));
        }
        return done(transport.send(((RenderResult.Rendered) rendered).message()));
    }

    /** Whether a message held for {@code campaignId} may go now. */
    public boolean mayRelease(String campaignId) {
        Optional<CampaignState> state = campaigns.state(campaignId);
        return state.isEmpty() || (state.get() != CampaignState.PAUSED && state.get() != CampaignState.DRAFT);
    }

    private static Decision done(DeliveryOutcome outcome) {
        return new Decision.Done(outcome);
    }
}
