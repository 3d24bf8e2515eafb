package io.mailstream.bounces.stats;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How one engagement event counts: which "firsts" it is. Shared by the stats topology (a state store
 * of seen keys per message) and {@code campaign status} ({@link EngagementTally}, a set), so both
 * count alike. A message's keys: {@code <messageId> NUL C}, {@code <messageId> NUL O} and
 * {@code <messageId> NUL C NUL <linkIndex>}; only human events mark them.
 */
public final class EngagementLedger {
    private EngagementLedger() {
    }

    /**
     * @param seen whether a key was marked before
     * @return the count (empty for events of no campaign) and the keys to mark now
     */
    public static Optional<Step> apply(EngagementEvent e, Predicate<String> seen) {
        if (e.getCampaignId() == null) {
            return Optional.empty();
        }
        boolean click = e.getKind() == EngagementKind.CLICKED;
        int link = click && e.getLinkIndex() != null ? e.getLinkIndex() : -1;
        EngagementCount.Kind kind = click ? EngagementCount.Kind.CLICKED : EngagementCount.Kind.OPENED;
        if (e.getMachine()) {
            return Optional.of(new Step(new EngagementCount(e.getCampaignId(), kind, link, e.getUrl(), true, false, false), List.of()));
        }
        String messageKey = e.getMessageId() + "\0" + (click ? "C" : "O");
        String linkKey = messageKey + "\0" + link;
        boolean firstOfMessage = !seen.test(messageKey);
        boolean firstOfLink = click && !seen.test(linkKey);
        List<String> mark = click ? List.of(messageKey, linkKey) : List.of(messageKey);
        return Optional.of(new Step(new EngagementCount(e.getCampaignId(), kind, link, e.getUrl(), false, firstOfMessage, firstOfLink), mark));
    }

    /** The count of one event and the keys it marks as seen. */
    public record Step(EngagementCount count, List<String> mark) {
    }
}
