package io.mailstream.bounces.stats;

import java.util.List;

/**
 * What one message counts as in its campaign's statistics, and how a notice about it changes
 * that. Shared by the stats topology ({@link FinalOutcome}, one entry per message in a state
 * store) and {@link CampaignTally} (the {@code campaign status} scan), so both count alike:
 * <ul>
 *   <li>a message counts once, in its final category: its first terminal delivery event, unless a
 *       DSN received later says the relay that accepted it bounced it, which moves it from
 *       delivered to bounced (one {@link CampaignEvent.Type#BOUNCED_AFTER_DELIVERY} event, so the
 *       number of finished messages, and DONE, stay as they were);</li>
 *   <li>repeats count nothing: a second terminal event, a second DSN, a DSN for a message already
 *       counted as bounced, expired, suppressed …;</li>
 *   <li>a DSN that arrives before the message's delivery event (both race through different
 *       topics) is remembered and applied when the event comes; it counts nothing by itself, so a
 *       DSN naming a message with no delivery event never changes the counts;</li>
 *   <li>a delayed DSN of a message counted as delivered (a relay still trying) counts a deferral.</li>
 * </ul>
 */
public final class OutcomeLedger {
    private static final char SEP = '\u0000';
    private static final String PENDING = "P";

    private OutcomeLedger() {
    }

    /**
     * One message's entry.
     *
     * @param campaignId    its campaign; null while only a received bounce is known
     * @param counted       the category it is counted in; null for an entry written before this
     *                      ledger kept it (only its campaign is known: later DSNs do not move it)
     * @param pendingReason the reason of a bounce received before the delivery event, else null
     * @param provider      the recipient's mailbox provider, so a later DSN counts at it too; null if none
     */
    public record Entry(String campaignId, CampaignEvent.Type counted, String pendingReason, String provider) {
        public Entry(String campaignId, CampaignEvent.Type counted, String pendingReason) {
            this(campaignId, counted, pendingReason, null);
        }

        static Entry counted(String campaignId, CampaignEvent.Type type, String provider) {
            return new Entry(campaignId, type, null, provider);
        }

        static Entry pending(String reason) {
            return new Entry(null, null, reason == null ? "" : reason, null);
        }

        public boolean isPending() {
            return campaignId == null;
        }

        /** The store's string form; an older store's values (a bare campaign id) still decode. */
        public String encode() {
            return isPending() ? SEP + PENDING + SEP + pendingReason
                    : SEP + (counted == null ? "" : counted.name()) + SEP + campaignId + (provider == null ? "" : SEP + provider);
        }

        public static Entry decode(String s) {
            if (s == null) {
                return null;
            }
            if (s.isEmpty() || s.charAt(0) != SEP) {
                return new Entry(s, null, null); // written by FirstTerminalOutcome: campaign id only
            }
            int second = s.indexOf(SEP, 1);
            String tag = s.substring(1, second);
            String rest = s.substring(second + 1);
            if (tag.equals(PENDING)) {
                return pending(rest);
            }
            int third = rest.indexOf(SEP); // an entry written before providers were kept has none
            return new Entry(third < 0 ? rest : rest.substring(0, third), tag.isEmpty() ? null : CampaignEvent.Type.valueOf(tag),
                    null, third < 0 ? null : rest.substring(third + 1));
        }
    }

    /**
     * @param next    the message's new entry, or null when it stays as it was
     * @param counted what to add to the campaign's statistics
     */
    public record Step(Entry next, List<CampaignEvent> counted) {
        static final Step NOTHING = new Step(null, List.of());
    }

    /** How {@code notice} changes a message whose entry is {@code current} (null: nothing known of it). */
    public static Step apply(Entry current, OutcomeNotice notice) {
        return notice.received() ? received(current, notice) : terminal(current, notice);
    }

    private static Step terminal(Entry current, OutcomeNotice n) {
        if (current == null) {
            return new Step(Entry.counted(n.campaignId(), n.type(), n.provider()),
                    List.of(new CampaignEvent(n.campaignId(), n.type(), n.reason(), n.provider())));
        }
        if (!current.isPending()) {
            return Step.NOTHING;
        }
        if (n.type() == CampaignEvent.Type.DELIVERED) {
            // the relay's bounce overtook the event of its 250: the message is a bounce
            String reason = current.pendingReason().isEmpty() ? null : current.pendingReason();
            return new Step(Entry.counted(n.campaignId(), CampaignEvent.Type.BOUNCED, n.provider()),
                    List.of(new CampaignEvent(n.campaignId(), CampaignEvent.Type.BOUNCED, reason, n.provider())));
        }
        return new Step(Entry.counted(n.campaignId(), n.type(), n.provider()),
                List.of(new CampaignEvent(n.campaignId(), n.type(), n.reason(), n.provider())));
    }

    private static Step received(Entry current, OutcomeNotice n) {
        boolean delivered = current != null && !current.isPending() && current.counted() == CampaignEvent.Type.DELIVERED;
        if (n.type() == CampaignEvent.Type.DEFERRED) {
            return delivered ? new Step(null, List.of(new CampaignEvent(current.campaignId(), CampaignEvent.Type.DEFERRED, null, current.provider())))
                    : Step.NOTHING;
        }
        if (current == null) {
            return new Step(Entry.pending(n.reason()), List.of());
        }
        if (!delivered) {
            return Step.NOTHING;
        }
        return new Step(Entry.counted(current.campaignId(), CampaignEvent.Type.BOUNCED, current.provider()),
                List.of(new CampaignEvent(current.campaignId(), CampaignEvent.Type.BOUNCED_AFTER_DELIVERY, n.reason(),
                        current.provider())));
    }
}
