package io.mailstream.producer.launch;

import java.util.HexFormat;

/**
 * Catches repeated recipients of one launch that are near each other in the list, in a fixed
 * amount of memory whatever the list's size: a direct-mapped window of the last message ids seen
 * ({@code slots} × 16 bytes; the default 1 Mi slots is 16 MB).
 *
 * <p>The filter only saves Kafka writes; it is not the guard against double mail. A repeat whose
 * first occurrence was pushed out of the window is published again with the same message id (the
 * id is derived from campaign and normalised address), and the dispatcher's sent-ledger, keyed by
 * message id, mails it once. The window keeps whole 128-bit message ids, so it answers "seen" only
 * for an id equal to an earlier one: the filter never drops a recipient that the ledger would mail.
 */
public final class DuplicateFilter {
    /** 2²⁰ slots: 16 MB, enough to catch repeats within about a million rows of each other. */
    public static final int DEFAULT_SLOTS = 1 << 20;

    private final long[] high;
    private final long[] low;
    private final boolean[] used;
    private final int mask;

    /** @param slots window size, a power of two between 1 and 2²⁶ */
    public DuplicateFilter(int slots) {
        if (slots < 1 || slots > (1 << 26) || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("duplicate window must be a power of two between 1 and 67108864, was " + slots);
        }
        high = new long[slots];
        low = new long[slots];
        used = new boolean[slots];
        mask = slots - 1;
    }

    public DuplicateFilter() {
        this(DEFAULT_SLOTS);
    }

    /**
     * False when {@code messageId} is in the window (a repeat that need not be published); true
     * otherwise, and it takes the slot of whichever id was there.
     */
    public boolean firstTime(String messageId) {
        if (messageId.length() != 32) {
            throw new IllegalArgumentException("message id must have 32 hex digits: " + messageId);
        }
        long hi = HexFormat.fromHexDigitsToLong(messageId, 0, 16);
        long lo = HexFormat.fromHexDigitsToLong(messageId, 16, 32);
        // the ids are SHA-256 prefixes, so their low bits already pick slots uniformly
        int slot = (int) lo & mask;
        if (used[slot] && high[slot] == hi && low[slot] == lo) {
            return false;
        }
        used[slot] = true;
        high[slot] = hi;
        low[slot] = lo;
        return true;
    }

    public int slots() {
        return mask + 1;
    }
}
