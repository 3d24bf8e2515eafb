package io.mailstream.bounces.stats;

import java.util.ArrayList;
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
 *   <li>a delayed DSN of a message counted as delivered (a relay still trying) counts a deferral; one that
 *       arrives before the message's delivery event (a relay's quick delay notice) is remembered and counted
 *       when the event says delivered, so delivered-then-delayed and delayed-then-delivered count alike.</li>
 * </ul>
 */
public final class OutcomeLedger {
    private static final char SEP = '\u0000';
    /** Tag of a pending entry with a bounce (then, optionally, the number of delays); no counted type starts with it. */
    private static final String PENDING = "P";
    /** Tag of a pending entry with delays only, followed by their number. */
    private static final String DELAYS_ONLY = "W";

    private OutcomeLedger() {
    }

    /**
     * One message's entry.
     *
     * @param campaignId    its campaign; null while only a received bounce is known
     * @param counted       the category it is counted in; null for an entry written before this
     *                      ledger kept it (only its campaign is known: later DSNs do not move it)
     * @param pendingReason the reason of a bounce received before the delivery event ("" if it gave none), else null
     * @param provider      the recipient's mailbox provider, so a later DSN counts at it too; null if none
     * @param pendingDelays delayed DSNs received before the delivery event, counted once it says delivered
     */
    public record Entry(String campaignId, CampaignEvent.Type counted, String pendingReason, String provider, int pendingDelays) {
        public Entry {
            if (pendingDelays < 0 || pendingDelays > 0 && campaignId != null) {
                throw new IllegalArgumentException("only a pending entry holds delays, and never fewer than none: " + pendingDelays);
            }
        }

        public Entry(String campaignId, CampaignEvent.Type counted, String pendingReason) {
            this(campaignId, counted, pendingReason, null, 0);
        }

        static Entry counted(String campaignId, CampaignEvent.Type type, String provider) {
            return new Entry(campaignId, type, null, provider, 0);
        }

        static Entry pending(String reason) {
            return new Entry(null, null, reason == null ? "" : reason, null, 0);
        }

        static Entry pendingDelays(int delays) {
            return new Entry(null, null, null, null, delays);
        }

        Entry withBounce(String reason) {
            return new Entry(null, null, reason == null ? "" : reason, null, pendingDelays);
        }

        Entry plusDelay() {
            return new Entry(null, null, pendingReason, null, pendingDelays + 1);
        }

        boolean bouncePending() {
            return pendingReason != null;
        }

        private Entry withDelays(int delays) {
            return new Entry(campaignId, counted, pendingReason, provider, delays);
        }

        private static int delaysOf(String tag) {
            return tag.length() == 1 ? 0 : Integer.parseInt(tag.substring(1));
        }

        public boolean isPending() {
            return campaignId == null;
        }

        /** The store's string form; an older store's values (a bare campaign id) still decode. */
        public String encode() {
            if (isPending()) {
                String delays = pendingDelays == 0 ? "" : Integer.toString(pendingDelays);
                return bouncePending() ? SEP + PENDING + delays + SEP + pendingReason : SEP + DELAYS_ONLY + delays + SEP;
            }
            return SEP + (counted == null ? "" : counted.name()) + SEP + campaignId + (provider == null ? "" : SEP + provider);
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
            if (tag.startsWith(PENDING)) {
                return pending(rest).withDelays(delaysOf(tag));
            }
            if (tag.startsWith(DELAYS_ONLY)) {
                return pendingDelays(delaysOf(tag));
            }
            int third = rest.indexOf(SEP); // an entry written before providers were kept has none
            return new Entry(third < 0 ? rest : rest.substring(0, third), tag.isEmpty() ? null : CampaignEvent.Type.valueOf(tag),
                    null, third < 0 ? null : rest.substring(third + 1), 0);
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
        if (n.type() != CampaignEvent.Type.DELIVERED) {
            // DSNs of a message the dispatcher did not deliver are not the relay's: the dispatcher's outcome holds
            return new Step(Entry.counted(n.campaignId(), n.type(), n.provider()),
                    List.of(new CampaignEvent(n.campaignId(), n.type(), n.reason(), n.provider())));
        }
        List<CampaignEvent> counted = new ArrayList<>();
        CampaignEvent.Type type = CampaignEvent.Type.DELIVERED;
        String reason = n.reason();
        if (current.bouncePending()) {
            // the relay's bounce overtook the event of its 250: the message is a bounce
            type = CampaignEvent.Type.BOUNCED;
            reason = current.pendingReason().isEmpty() ? null : current.pendingReason();
        }
        counted.add(new CampaignEvent(n.campaignId(), type, reason, n.provider()));
        // the relay's delay notices that overtook it count as they would have after it
        for (int i = 0; i < current.pendingDelays(); i++) {
            counted.add(new CampaignEvent(n.campaignId(), CampaignEvent.Type.DEFERRED, null, n.provider()));
        }
        return new Step(Entry.counted(n.campaignId(), type, n.provider()), List.copyOf(counted));
    }

    private static Step received(Entry current, OutcomeNotice n) {
        boolean delivered = current != null && !current.isPending() && current.counted() == CampaignEvent.Type.DELIVERED;
        if (n.type() == CampaignEvent.Type.DEFERRED) {
            if (delivered) {
                return new Step(null, List.of(new CampaignEvent(current.campaignId(), CampaignEvent.Type.DEFERRED, null, current.provider())));
            }
            if (current == null) {
                return new Step(Entry.pendingDelays(1), List.of());
            }
            return current.isPending() ? new Step(current.plusDelay(), List.of()) : Step.NOTHING;
        }
        if (current == null) {
            return new Step(Entry.pending(n.reason()), List.of());
        }
        if (current.isPending()) {
            return current.bouncePending() ? Step.NOTHING : new Step(current.withBounce(n.reason()), List.of());
        }
        if (!delivered) {
            return Step.NOTHING;
        }
        return new Step(Entry.counted(current.campaignId(), CampaignEvent.Type.BOUNCED, current.provider()),
                List.of(new CampaignEvent(current.campaignId(), CampaignEvent.Type.BOUNCED_AFTER_DELIVERY, n.reason(),
                        current.provider())));
    }
}
