package io.mailstream.dispatcher.consume;

import io.mailstream.avro.CampaignState;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.avro.TemplateRef;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.suppress.Suppressed;
import io.mailstream.dispatcher.suppress.SuppressionStore;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.sites.MailboxProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Decides the fate of one decoded message, in the order that costs least: held while the tables are
 * not current (fail closed), expired, invalid recipient, suppressed, campaign cancelled or paused, render, and only then SMTP. Called by the
 * delivery workers concurrently: the transport it is given must be thread-safe (a connection pool).
 */
public final class MessageProcessor {
    private final CampaignCache campaigns;
    private final SuppressionStore suppressions;
    private final MessageRenderer renderer;
    private final MailTransport transport;
    private final Clock clock;
    private final Duration campaignWait;
    private final Pacing pacing;
    private final BooleanSupplier tablesCurrent;
    private final Function<Domain, Optional<String>> providerOf;
    private final Map<String, Instant> missing = new ConcurrentHashMap<>();
    private static final Duration MISSING_CAMPAIGN_MEMORY = Duration.ofMinutes(1);
    private static final HoldReason TABLES_NOT_CURRENT = new HoldReason.TablesNotCurrent();

    /** For tables that are always current (tests that fill them by hand): nothing is ever held for them. */
    public MessageProcessor(CampaignCache campaigns, SuppressionStore suppressions, MessageRenderer renderer,
                            MailTransport transport, Clock clock, Duration campaignWait) {
        this(campaigns, suppressions, renderer, transport, clock, campaignWait, Pacing.unlimited(clock), () -> true);
    }

    /** As the full constructor, for tables that are always current. */
    public MessageProcessor(CampaignCache campaigns, SuppressionStore suppressions, MessageRenderer renderer,
                            MailTransport transport, Clock clock, Duration campaignWait, Pacing pacing) {
        this(campaigns, suppressions, renderer, transport, clock, campaignWait, pacing, () -> true);
    }

    /**
     * @param pacing        gates the queues (see {@link DeliveryWorkers}) and is told every SMTP outcome, to adapt rates
     * @param tablesCurrent whether the campaign and suppression tables are current; while not, every
     *                      message is held (fail closed), none is decided on stale tables
     */
    public MessageProcessor(CampaignCache campaigns, SuppressionStore suppressions, MessageRenderer renderer,
                            MailTransport transport, Clock clock, Duration campaignWait, Pacing pacing,
                            BooleanSupplier tablesCurrent) {
        this(campaigns, suppressions, renderer, transport, clock, campaignWait, pacing, tablesCurrent, MailboxProviders::of);
    }

    /** As the full constructor, with the guard's provider table given: tests count its lookups. */
    MessageProcessor(CampaignCache campaigns, SuppressionStore suppressions, MessageRenderer renderer,
                     MailTransport transport, Clock clock, Duration campaignWait, Pacing pacing,
                     BooleanSupplier tablesCurrent, Function<Domain, Optional<String>> providerOf) {
        this.providerOf = providerOf;
        this.pacing = pacing;
        this.tablesCurrent = tablesCurrent;
        this.campaigns = campaigns;
        this.suppressions = suppressions;
        this.renderer = renderer;
        this.transport = transport;
        this.clock = clock;
        this.campaignWait = campaignWait;
    }

    public Decision process(MailMessage m) throws InterruptedException {
        if (!tablesCurrent.getAsBoolean()) {
            return new Decision.Hold(TABLES_NOT_CURRENT);
        }
        Instant now = clock.instant();
        if (m.getExpiresAt() != null && !now.isBefore(m.getExpiresAt())) {
            return done(new DeliveryOutcome.Expired("message expired at " + m.getExpiresAt() + " before delivery"));
        }
        Optional<String> refusedKey = pacing.refusal(m.getRoutingKey());
        if (refusedKey.isPresent()) {
            // Not guessed (a guessed share breaks the fleet's budget), not lost: retried until the shard maps agree.
            return done(DeliveryOutcome.Deferred.noReply("routing key refused: " + refusedKey.get()
                    + "; apply one shard map to producer, API and dispatchers (mailstream policies apply)", null));
        }
        EmailAddress recipient;
        try {
            recipient = EmailAddress.parse(m.getTo());
        } catch (InvalidAddressException e) {
            return done(new DeliveryOutcome.Rejected("recipient address is invalid: " + e.getMessage()));
        }
        Optional<Suppressed> suppression = suppressions.find(recipient,
                m.getKind() == null ? MessageKind.CAMPAIGN : m.getKind(), listOf(m));
        if (suppression.isPresent()) {
            Suppressed s = suppression.get();
            return done(new DeliveryOutcome.Suppressed("recipient is suppressed (" + s.source() + ": " + s.reason()
                    + s.scope().map(l -> ", list " + l).orElse("") + ")"));
        }
        Optional<CampaignSnapshot> campaign = Optional.empty();
        if (m.getTemplate() != null) {
            TemplateRef ref = m.getTemplate();
            campaign = awaitCampaign(ref.getCampaignId(), ref.getVersion());
            if (campaign.isEmpty()) {
                return done(new DeliveryOutcome.Rejected("campaign " + ref.getCampaignId() + " version " + ref.getVersion()
                        + " is unknown (waited " + campaignWait + " for mail.campaigns)"));
            }
        } else if (m.getCampaignId() != null) {
            campaign = campaigns.latest(m.getCampaignId());
            if (campaign.isEmpty() && m.getInline() == null) {
                campaign = awaitCampaign(m.getCampaignId(), 0);
            }
        }
        if (campaign.isPresent()) {
            CampaignState state = campaign.get().state();
            if (state == CampaignState.CANCELLED) {
                return done(new DeliveryOutcome.Cancelled("campaign " + campaign.get().id() + " was cancelled"));
            }
            if (state == CampaignState.PAUSED || state == CampaignState.DRAFT) {
                return new Decision.Hold(new HoldReason.CampaignPaused(campaign.get().id()));
            }
            Optional<String> held = GuardHolds.heldProvider(campaigns.latest(campaign.get().id()), recipient.domain(), providerOf);
            if (held.isPresent()) {
                return new Decision.Hold(new HoldReason.CampaignPaused(campaign.get().id(), held.get()));
            }
        }
        RenderResult rendered = renderer.render(m, campaign);
        if (rendered instanceof RenderResult.Failed f) {
            return done(new DeliveryOutcome.Rejected(f.reason()));
        }
        DeliveryOutcome sent = transport.send(((RenderResult.Rendered) rendered).message());
        pacing.observed(m, sent);
        return done(sent);
    }

    /**
     * Whether {@code m} will make no SMTP transaction whatever happens before its turn: it has expired,
     * or its campaign is cancelled. Both are final, so pacing may let such a message pass without a
     * permit (see {@link Pacing#gate(Function, java.util.function.Predicate)}) and it still never reaches SMTP.
     */
    public boolean certainlyUnsent(MailMessage m) {
        if (m.getExpiresAt() != null && !clock.instant().isBefore(m.getExpiresAt())) {
            return true;
        }
        String campaignId = m.getTemplate() != null ? m.getTemplate().getCampaignId() : m.getCampaignId();
        return campaignId != null && campaigns.state(campaignId).filter(s -> s == CampaignState.CANCELLED).isPresent();
    }

    /**
     * The list the message's campaign mails, for the scope of unsubscribes. The campaign table is
     * current here (else the message is held); a campaign not in it yet has no list, so any
     * unsubscribe blocks it: the safe side.
     */
    private Optional<String> listOf(MailMessage m) {
        String campaignId = m.getTemplate() != null ? m.getTemplate().getCampaignId() : m.getCampaignId();
        if (campaignId == null) {
            return Optional.empty();
        }
        return campaigns.latest(campaignId).map(c -> c.templates().getListId());
    }

    /**
     * Waits for a campaign version once; messages of a version already waited for in vain are
     * rejected at once for a while, or a batch of them would stall the consumer past
     * {@code max.poll.interval.ms}, one wait each.
     */
    private Optional<CampaignSnapshot> awaitCampaign(String campaignId, int version) throws InterruptedException {
        String key = campaignId + "#" + version;
        Instant gaveUp = missing.get(key);
        Instant now = clock.instant();
        if (gaveUp != null && now.isBefore(gaveUp.plus(MISSING_CAMPAIGN_MEMORY))) {
            return campaigns.find(campaignId, version);
        }
        Optional<CampaignSnapshot> found = campaigns.await(campaignId, version, campaignWait);
        if (found.isEmpty()) {
            if (missing.size() > 10_000) {
                missing.clear();
            }
            missing.put(key, now);
        } else {
            missing.remove(key);
        }
        return found;
    }

    /** Pacing of this dispatcher: the per-domain queues use it as their gate. */
    public Pacing pacing() {
        return pacing;
    }

    /** Whether a message held for {@code reason} may go now (it is decided again from the start). */
    public boolean mayRelease(HoldReason reason) {
        return switch (reason) {
            case HoldReason.TablesNotCurrent t -> tablesCurrent.getAsBoolean();
            case HoldReason.CampaignPaused p when p.provider() != null ->
                    !GuardHolds.isHeld(campaigns.latest(p.campaignId()), p.provider());
            case HoldReason.CampaignPaused p -> {
                Optional<CampaignState> state = campaigns.state(p.campaignId());
                yield state.isEmpty() || (state.get() != CampaignState.PAUSED && state.get() != CampaignState.DRAFT);
            }
        };
    }

    /**
     * The campaign of {@code m} if the campaign table says it is paused (or a draft) now, or that the
     * campaign guard holds it at the recipient's mailbox provider: the consume loop then skips the
     * record instead of keeping it in memory. Cheap: one table lookup.
     */
    public Optional<HoldReason.CampaignPaused> pausedCampaign(MailMessage m) {
        String campaignId = m.getTemplate() != null ? m.getTemplate().getCampaignId() : m.getCampaignId();
        if (campaignId == null) {
            return Optional.empty();
        }
        Optional<CampaignSnapshot> latest = campaigns.latest(campaignId);
        Optional<CampaignState> state = latest.map(CampaignSnapshot::state);
        if (state.isPresent() && (state.get() == CampaignState.PAUSED || state.get() == CampaignState.DRAFT)) {
            return Optional.of(new HoldReason.CampaignPaused(campaignId));
        }
        if (!GuardHolds.anyHeld(latest)) {
            return Optional.empty(); // the common case: no address is parsed on the poll thread
        }
        return GuardHolds.heldProvider(latest, MailboxProviders.of(m.getTo()))
                .map(provider -> new HoldReason.CampaignPaused(campaignId, provider));
    }

    private static Decision done(DeliveryOutcome outcome) {
        return new Decision.Done(outcome);
    }
}
