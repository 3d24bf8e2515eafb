package io.mailstream.bounces.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages a {@link CampaignTally} remembers, so that a later report (a complaint, a relay's
 * DSN) about one of them is counted in its campaign, at its recipient's provider, once. Shared by
 * the tallies of one reader (message ids are unique across campaigns). {@code campaign status}
 * remembers every message of its one campaign; the console, which follows every campaign for as
 * long as it runs, remembers the latest {@code capacity} messages and forgets the oldest first, so
 * its heap stays bounded whatever the campaigns' sizes. A report about a forgotten message is not
 * counted (it is counted by {@code campaign status} and by the bounce processor's statistics).
 * Not thread-safe: one reader thread, or its caller's lock.
 */
public final class RecentMessages {
    /**
     * @param recipient the normalised recipient (null if unparseable): a DSN must name it to count
     * @param entry     what the message counts as so far; null while only deferrals were seen
     */
    public record Sent(String campaignId, String recipient, OutcomeLedger.Entry entry) {
    }

    private final int capacity;
    private final Map<String, Sent> messages;
    private long forgotten;

    private RecentMessages(int capacity) {
        this.capacity = capacity;
        this.messages = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
                if (size() > RecentMessages.this.capacity) {
                    forgotten++;
                    return true;
                }
                return false;
            }
        };
    }

    /** Remembers every message: for one campaign's scan, whose size the campaign bounds. */
    public static RecentMessages unbounded() {
        return new RecentMessages(Integer.MAX_VALUE);
    }

    /** Remembers the latest {@code capacity} messages (by first event), forgetting the oldest. */
    public static RecentMessages bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a tally must remember at least one message, was " + capacity);
        }
        return new RecentMessages(capacity);
    }

    Sent get(String messageId) {
        return messages.get(messageId);
    }

    void put(String messageId, Sent sent) {
        messages.put(messageId, sent);
    }

    public int size() {
        return messages.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Messages forgotten to keep the bound: reports about them are no longer counted. */
    public long forgotten() {
        return forgotten;
    }
}
