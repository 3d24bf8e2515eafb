package io.mailstream.console.state;

import io.mailstream.avro.AdaptiveState;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.GuardDecision;
import io.mailstream.avro.GuardHold;
import io.mailstream.avro.WarmupCounter;
import io.mailstream.avro.Outcome;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.sites.SiteResolver;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the console knows from the topics, in memory: per campaign the tally {@code campaign
 * status} uses (a {@link CampaignCounter} the launcher supplies, so both count alike) and a msg/s series; per destination
 * domain its counts and last reply; the adaptive throttle state per routing target; the events of
 * the most recent transactional messages. Fed by one {@link TopicFollower} thread, read by the page
 * handlers: every method is synchronized and returns immutable rows.
 */
public final class PipelineState {
    /** Transactional messages whose events are kept for lookup by id, most recent first out. */
    public static final int MAX_TRANSACTIONAL_MESSAGES = 50_000;

    private final Clock clock;
    private final Counting counting;
    private final Map<String, CampaignEntry> campaigns = new HashMap<>();
    private final Map<String, DomainEntry> domains = new HashMap<>();
    private final Map<String, AdaptiveState> throttle = new HashMap<>();
    private final Map<String, Long> unsubscribesByList = new HashMap<>();
    private final Map<String, GuardDecision> guardDecisions = new HashMap<>();
    private final WarmupBoard warmup = new WarmupBoard();
    private final EarlyReports early = new EarlyReports(EarlyReports.MAX_HELD_MESSAGES);
    private final Map<String, List<MessageEvent>> transactional = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<MessageEvent>> eldest) {
            return size() > MAX_TRANSACTIONAL_MESSAGES;
        }
    };

    private static final class CampaignEntry {
        final CampaignCounter tally;
        final RateSeries rate = new RateSeries();
        Campaign record;

        CampaignEntry(CampaignCounter tally) {
            this.tally = tally;
        }
    }

    public PipelineState(Clock clock, Counting counting) {
        this.clock = clock;
        this.counting = counting;
    }

    BounceDecoder bounceDecoder() {
        return counting.bounces();
    }

    /** The latest record of {@code mail.campaigns} for {@code id}; null is a tombstone. */
    public synchronized void acceptCampaign(String id, Campaign record) {
        if (record == null) {
            campaigns.remove(id);
            return;
        }
        entry(id).record = record;
    }

    public synchronized void acceptEvent(DeliveryEvent e) {
        List<BounceNotice> overtaken = early.release(e.getMessageId());
        if (e.getCampaignId() != null) {
            CampaignEntry c = entry(e.getCampaignId());
            c.tally.accept(e);
            if (e.getOutcome() != Outcome.DEFERRED) {
                c.rate.add(e.getTimestamp(), 1);
            }
            overtaken.forEach(n -> apply(c.tally, n));
        } else {
            transactional.computeIfAbsent(e.getMessageId(), id -> new ArrayList<>()).add(toMessageEvent(e));
        }
        domainOf(e.getRecipient()).ifPresent(d -> domains.computeIfAbsent(d, k -> new DomainEntry(k, providerOf(k))).accept(e));
    }

    /** A feedback report (ARF) naming {@code messageId}: counted by the campaign the message belongs to. */
    public synchronized void acceptComplaint(String messageId) {
        accept(new BounceNotice.Complaint(messageId));
    }

    /** A DSN that failed {@code recipient} after a relay accepted {@code messageId} (as {@code campaign status}). */
    public synchronized void acceptReceivedBounce(String messageId, String recipient, String reason) {
        accept(new BounceNotice.Bounce(messageId, recipient, reason));
    }

    public synchronized void acceptReceivedDelay(String messageId) {
        accept(new BounceNotice.Delay(messageId));
    }

    /** Reports held because they came before their message's delivery event ({@link EarlyReports}). */
    public synchronized int heldReports() {
        return early.size();
    }

    private void accept(BounceNotice n) {
        String messageId = messageIdOf(n);
        if (campaigns.values().stream().noneMatch(c -> c.tally.knows(messageId))) {
            early.hold(messageId, n);
            return;
        }
        campaigns.values().forEach(c -> apply(c.tally, n));
    }

    private static void apply(CampaignCounter tally, BounceNotice n) {
        switch (n) {
            case BounceNotice.Complaint c -> tally.acceptComplaint(c.messageId());
            case BounceNotice.Bounce b -> tally.acceptReceivedBounce(b.messageId(), b.recipient(), b.reason());
            case BounceNotice.Delay d -> tally.acceptReceivedDelay(d.messageId());
        }
    }

    private static String messageIdOf(BounceNotice n) {
        return switch (n) {
            case BounceNotice.Complaint c -> c.messageId();
            case BounceNotice.Bounce b -> b.messageId();
            case BounceNotice.Delay d -> d.messageId();
        };
    }

    /** A click or open; events of no campaign (transactional mail) are not counted. */
    public synchronized void acceptEngagement(EngagementEvent e) {
        if (e.getCampaignId() != null) {
            entry(e.getCampaignId()).tally.acceptEngagement(e);
        }
    }

    /** The latest record of {@code mail.guard-decisions} for a {@code <campaignId>|<provider>}; null is a tombstone. */
    public synchronized void acceptGuardDecision(String key, GuardDecision decision) {
        if (decision == null) {
            guardDecisions.remove(key);
        } else {
            guardDecisions.put(key, decision);
        }
    }

    /** The latest record of {@code mail.warmup-counters} for a {@code <schedule>|<day>|<partition>}; null is a tombstone. */
    public synchronized void acceptWarmup(String key, WarmupCounter counter) {
        warmup.accept(key, counter);
    }

    /** An unsubscribe from the list {@code scope} (a campaign's list id) reached the suppression table. */
    public synchronized void acceptUnsubscribe(String scope) {
        unsubscribesByList.merge(scope, 1L, Long::sum);
    }

    /** The latest record of {@code mail.throttle-state} for a (policy, target); null is a tombstone. */
    public synchronized void acceptThrottle(String key, AdaptiveState state) {
        // an hourly window record (a shard's max-per-hour count, for the next owner) is no slowed destination
        if (state == null || state.getHourWindow() != null) {
            throttle.remove(key);
        } else {
            throttle.put(key, state);
        }
    }

    public synchronized List<CampaignRow> campaigns() {
        Instant now = clock.instant();
        return campaigns.entrySet().stream().map(en -> row(en.getKey(), en.getValue(), now))
                .sorted(Comparator.comparing(CampaignRow::isActive).reversed().thenComparing(CampaignRow::id))
                .toList();
    }

    public synchronized Optional<CampaignRow> campaign(String id) {
        CampaignEntry c = campaigns.get(id);
        return c == null ? Optional.empty() : Optional.of(row(id, c, clock.instant()));
    }

    /** Engagement, guard holds and counts per provider of one campaign. */
    public synchronized Optional<CampaignDetail> campaignDetail(String id) {
        CampaignEntry c = campaigns.get(id);
        if (c == null) {
            return Optional.empty();
        }
        return Optional.of(new CampaignDetail(c.tally.engagement(), holds(c.record), c.tally.counts().byProvider(), c.tally.windowed()));
    }

    /** Every campaign's counts per mailbox provider, summed (the guard's counts: complaints, bounces, delivered). */
    public synchronized Map<String, ProviderCount> providers() {
        Map<String, ProviderCount> sum = new TreeMap<>();
        for (CampaignEntry c : campaigns.values()) {
            c.tally.counts().byProvider().forEach((p, n) -> sum.merge(p, n, ProviderCount::plus));
        }
        return sum;
    }

    /** The guard's decisions of {@code mail.guard-decisions}, latest first. */
    public synchronized List<GuardDecision> guardDecisions() {
        return guardDecisions.values().stream().sorted(Comparator.comparing(GuardDecision::getDecidedAt).reversed()).toList();
    }

    public synchronized List<WarmupRow> warmup() {
        return warmup.rows();
    }

    /** {@code [epochSecond, finished messages]} of the last {@code seconds} seconds of a campaign. */
    public synchronized List<long[]> ratePoints(String id, int seconds) {
        CampaignEntry c = campaigns.get(id);
        return c == null ? List.of() : c.rate.points(clock.instant(), seconds);
    }

    public synchronized List<DomainRow> domains() {
        return domains.values().stream().map(this::row).toList();
    }

    public synchronized Optional<DomainRow> domain(String name) {
        DomainEntry d = domains.get(name.toLowerCase(Locale.ROOT));
        return d == null ? Optional.empty() : Optional.of(row(d));
    }

    /** The events of a transactional message in the order they were written; empty if unknown (or long evicted). */
    public synchronized List<MessageEvent> messageEvents(String messageId) {
        return List.copyOf(transactional.getOrDefault(messageId, List.of()));
    }

    public Instant now() {
        return clock.instant();
    }

    /** The clock the pages measure rates and ETAs with. */
    public Clock clock() {
        return clock;
    }

    private CampaignEntry entry(String id) {
        return campaigns.computeIfAbsent(id, k -> new CampaignEntry(counting.counters().apply(k)));
    }

    private CampaignRow row(String id, CampaignEntry c, Instant now) {
        CampaignCounts s = c.tally.counts();
        Campaign r = c.record;
        Optional<String> list = Optional.ofNullable(r == null ? null : r.getListId());
        long unsubscribes = list.map(l -> unsubscribesByList.getOrDefault(l, 0L)).orElse(0L);
        return new CampaignRow(id, r == null ? id : r.getName(),
                r == null ? "unknown" : r.getState().name().toLowerCase(Locale.ROOT), r == null ? -1 : r.getStateVersion(),
                Optional.ofNullable(r == null ? null : r.getExpectedMessages()),
                s.delivered(), s.deferred(), s.bounced(), s.expired(), s.complaints(), s.suppressed(), unsubscribes,
                s.rejected(), s.cancelled(), s.bouncedByReason(), s.finished(), c.rate.rate(now), list);
    }

    private DomainRow row(DomainEntry d) {
        DestinationNames names = DestinationNames.of(d.domain, d.provider, d.hosts());
        AdaptiveState adaptive = throttleOf(names);
        return new DomainRow(d.domain, d.provider, d.delivered, d.deferred, d.bounced,
                Optional.ofNullable(d.lastReply), Optional.ofNullable(d.lastReplyAt),
                Optional.ofNullable(adaptive).map(AdaptiveState::getFactor),
                Optional.ofNullable(adaptive).map(AdaptiveState::getSuspendedUntil), d.topDeferrals(), d.topBounces(), names);
    }

    /**
     * The most restrictive state any policy holds for a routing target the domain's mail may go by: the domain itself,
     * its provider's site, or the site of its MX hosts (MX rollup).
     */
    private AdaptiveState throttleOf(DestinationNames names) {
        AdaptiveState worst = null;
        for (AdaptiveState s : throttle.values()) {
            if (names.targets().contains(s.getTarget())) {
                if (worst == null || s.getFactor() < worst.getFactor() || s.getSuspendedUntil().isAfter(worst.getSuspendedUntil())) {
                    worst = s;
                }
            }
        }
        return worst;
    }

    private static List<GuardHoldRow> holds(Campaign r) {
        if (r == null || r.getGuardHolds() == null) {
            return List.of();
        }
        List<GuardHoldRow> out = new ArrayList<>();
        new TreeMap<String, GuardHold>(r.getGuardHolds()).forEach((provider, h) -> out.add(new GuardHoldRow(provider, h.getRule(),
                h.getRate(), h.getLine(), h.getCount(), h.getBase(), h.getWholeCampaign(), h.getDecidedAt(),
                Optional.ofNullable(h.getResumedAt()))));
        return out;
    }

    private static Optional<String> domainOf(String recipient) {
        int at = recipient == null ? -1 : recipient.lastIndexOf('@');
        return at < 0 || at == recipient.length() - 1 ? Optional.empty()
                : Optional.of(recipient.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    private static String providerOf(String domain) {
        try {
            return SiteResolver.providersOnly().targetOf(Domain.of(domain)).asKey();
        } catch (RuntimeException e) {
            return domain; // a malformed domain in an event is shown as itself, not dropped
        }
    }

    private static MessageEvent toMessageEvent(DeliveryEvent e) {
        return new MessageEvent(e.getMessageId(), e.getRecipient(), e.getOutcome().name().toLowerCase(Locale.ROOT),
                e.getAttempt(), e.getTimestamp(), Optional.ofNullable(e.getSmtpReplyCode()),
                Optional.ofNullable(e.getEnhancedStatusCode()), Optional.ofNullable(e.getReplyText()),
                Optional.ofNullable(e.getRemoteHost()), e.getDispatcherId());
    }
}
