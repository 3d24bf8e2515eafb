package io.mailstream.console.state;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain counter for the console's own tests (the launcher supplies the bounce processor's tally,
 * tested in infra/cli): first terminal outcome per message, every deferral, bounces by reply text;
 * complaints per "provider" (the recipient's domain here); human clicks and opens, unique per message.
 */
public final class SimpleCounting {
    private SimpleCounting() {
    }

    public static Counting counting() {
        return new Counting(id -> new Counter(), b -> List.of());
    }

    private static final class Counter implements CampaignCounter {
        private final Map<String, String> terminal = new HashMap<>();
        private final Map<String, Long> reasons = new HashMap<>();
        private final Map<String, String> domains = new HashMap<>();
        private final Map<String, ProviderCount> providers = new HashMap<>();
        private final Set<String> engaged = new HashSet<>();
        private long deferred;
        private long complaints;
        private long clicks;
        private long uniqueClicks;
        private long opens;
        private long uniqueOpens;

        @Override
        public void accept(DeliveryEvent e) {
            String domain = e.getRecipient().substring(e.getRecipient().indexOf('@') + 1);
            domains.put(e.getMessageId(), domain);
            if (e.getOutcome().name().equals("DELIVERED") && !terminal.containsKey(e.getMessageId())) {
                providers.merge(domain, new ProviderCount(1, 0, 0, 0), ProviderCount::plus);
            }
            switch (e.getOutcome()) {
                case DEFERRED -> deferred++;
                default -> {
                    if (terminal.putIfAbsent(e.getMessageId(), e.getOutcome().name()) == null && e.getOutcome().name().equals("BOUNCED")) {
                        reasons.merge(String.valueOf(e.getReplyText()), 1L, Long::sum);
                    }
                }
            }
        }

        @Override
        public void acceptComplaint(String messageId) {
            if (domains.containsKey(messageId)) {
                complaints++;
                providers.merge(domains.get(messageId), new ProviderCount(0, 0, 0, 1), ProviderCount::plus);
            }
        }

        @Override
        public void acceptEngagement(EngagementEvent e) {
            if (e.getMachine()) {
                return;
            }
            boolean click = e.getKind() == EngagementKind.CLICKED;
            boolean first = engaged.add(e.getMessageId() + (click ? "/C" : "/O"));
            clicks += click ? 1 : 0;
            uniqueClicks += click && first ? 1 : 0;
            opens += click ? 0 : 1;
            uniqueOpens += !click && first ? 1 : 0;
        }

        @Override
        public EngagementCounts engagement() {
            return new EngagementCounts(clicks, uniqueClicks, opens, uniqueOpens, 0, 0, List.of());
        }

        @Override
        public void acceptReceivedBounce(String messageId, String recipient, String reason) {
        }

        @Override
        public void acceptReceivedDelay(String messageId) {
        }

        @Override
        public CampaignCounts counts() {
            return new CampaignCounts(count("DELIVERED"), deferred, count("BOUNCED"), count("EXPIRED"), count("SUPPRESSED"),
                    count("REJECTED"), count("CANCELLED"), complaints, reasons, providers);
        }

        /** Everything within a window of an hour: what the page draws of it, not how a window is kept (TallyCounterTest in infra/cli). */
        @Override
        public WindowedCounts windowed() {
            return new WindowedCounts(java.time.Duration.ofHours(1), providers);
        }

        private long count(String outcome) {
            return terminal.values().stream().filter(outcome::equals).count();
        }
    }
}
