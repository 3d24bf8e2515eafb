package io.mailstream.bounces.stats;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who clicked in one campaign, read from {@code mail.engagement} (keyed by message id: the events name
 * the message, the delivery events its recipient). Human clicks only, as the engagement statistics
 * count them ({@link EngagementLedger}). Holds one entry per message clicked; {@link #page} hands out
 * a bounded slice, most clicks first.
 */
public final class ClickerTally {
    /** The most clickers one page may hold. */
    public static final int MAX_PAGE = 10_000;

    private final String campaignId;
    private final Map<String, Entry> byMessage = new HashMap<>();

    public ClickerTally(String campaignId) {
        this.campaignId = campaignId;
    }

    public void accept(EngagementEvent e) {
        if (!campaignId.equals(e.getCampaignId()) || e.getKind() != EngagementKind.CLICKED || e.getMachine()
                || e.getMessageId() == null) {
            return;
        }
        byMessage.computeIfAbsent(e.getMessageId(), id -> new Entry()).add(e);
    }

    /** How many messages (so recipients) of the campaign were clicked. */
    public int count() {
        return byMessage.size();
    }

    /**
     * The clickers from position {@code offset}, at most {@code limit}: most clicks first, then the
     * earliest first click, then the message id, so pages do not overlap.
     *
     * @param recipientOf a message's recipient, if known
     */
    public List<Clicker> page(int offset, int limit, Function<String, Optional<String>> recipientOf) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a page is offset >= 0 and 1.." + MAX_PAGE + " clickers, was offset " + offset
                    + ", limit " + limit);
        }
        return byMessage.entrySet().stream()
                .map(e -> e.getValue().toClicker(e.getKey(), recipientOf.apply(e.getKey()).orElse(null)))
                .sorted(Comparator.comparingLong(Clicker::clicks).reversed()
                        .thenComparing(Clicker::firstClickAt)
                        .thenComparing(Clicker::messageId))
                .skip(offset)
                .limit(limit)
                .toList();
    }

    private static final class Entry {
        private long clicks;
        private final TreeSet<Integer> links = new TreeSet<>();
        private Instant first;
        private Instant last;

        void add(EngagementEvent e) {
            clicks++;
            if (e.getLinkIndex() != null) {
                links.add(e.getLinkIndex());
            }
            Instant at = e.getTimestamp();
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
        }

        Clicker toClicker(String messageId, String recipient) {
            return new Clicker(messageId, recipient, clicks, List.copyOf(links), first, last);
        }
    }
}
