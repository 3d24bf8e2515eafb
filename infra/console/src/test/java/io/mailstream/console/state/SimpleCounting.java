package io.mailstream.console.state;

import io.mailstream.avro.DeliveryEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain counter for the console's own tests (the launcher supplies the bounce processor's tally,
 * tested in infra/cli): first terminal outcome per message, every deferral, bounces by reply text.
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
        private long deferred;

        @Override
        public void accept(DeliveryEvent e) {
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
                    count("REJECTED"), count("CANCELLED"), 0, reasons);
        }

        private long count(String outcome) {
            return terminal.values().stream().filter(outcome::equals).count();
        }
    }
}
