package io.mailstream.producer.launch.internal;

/**
 * A set of 64-bit values in about 9–12 bytes per entry, for deduplicating tens of millions of
 * recipients in a small heap. Values must already be well-mixed hashes: slots are picked from
 * their bits directly.
 *
 * <p>Open addressing with linear probing in {@value #SEGMENTS} independently grown segments
 * (picked by the top bits of the value). A segment grows by 1.3× when it is 85% full, so tables
 * sit between ~65% and 85% full; and because only one segment is rehashed at a time, growing needs
 * 1/{@value #SEGMENTS} of the set in extra memory, not a second copy of all of it.
 */
public final class CompactLongSet {
    static final int SEGMENTS = 64;
    private static final int SEGMENT_SHIFT = 64 - Integer.numberOfTrailingZeros(SEGMENTS);
    private static final double MAX_LOAD = 0.85;
    private static final double GROWTH = 1.3;
    private static final int INITIAL_SEGMENT_CAPACITY = 1024;
    private static final long EMPTY = 0L;

    private final long[][] tables = new long[SEGMENTS][];
    private final int[] sizes = new int[SEGMENTS];
    private final int[] limits = new int[SEGMENTS];
    // 0 marks an empty slot, so the value 0 is tracked on the side.
    private boolean containsZero;
    private long size;

    public CompactLongSet() {
        for (int s = 0; s < SEGMENTS; s++) {
            tables[s] = new long[INITIAL_SEGMENT_CAPACITY];
            limits[s] = (int) (INITIAL_SEGMENT_CAPACITY * MAX_LOAD);
        }
    }

    /** Adds {@code value}; true if it was not in the set yet. */
    public boolean add(long value) {
        if (value == EMPTY) {
            if (containsZero) {
                return false;
            }
            containsZero = true;
            size++;
            return true;
        }
        int s = (int) (value >>> SEGMENT_SHIFT);
        long[] table = tables[s];
        int slot = slotOf(value, table.length);
        while (true) {
            long current = table[slot];
            if (current == EMPTY) {
                table[slot] = value;
                size++;
                if (++sizes[s] > limits[s]) {
                    grow(s);
                }
                return true;
            }
            if (current == value) {
                return false;
            }
            slot = slot + 1 == table.length ? 0 : slot + 1;
        }
    }

    public boolean contains(long value) {
        if (value == EMPTY) {
            return containsZero;
        }
        long[] table = tables[(int) (value >>> SEGMENT_SHIFT)];
        int slot = slotOf(value, table.length);
        while (true) {
            long current = table[slot];
            if (current == EMPTY) {
                return false;
            }
            if (current == value) {
                return true;
            }
            slot = slot + 1 == table.length ? 0 : slot + 1;
        }
    }

    public long size() {
        return size;
    }

    /** Bytes held by the tables, for sizing and tests. */
    public long tableBytes() {
        long slots = 0;
        for (long[] t : tables) {
            slots += t.length;
        }
        return slots * Long.BYTES;
    }

    private void grow(int s) {
        long[] old = tables[s];
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, (long) (old.length * GROWTH) + 1);
        long[] table = new long[capacity];
        for (long v : old) {
            if (v != EMPTY) {
                int slot = slotOf(v, capacity);
                while (table[slot] != EMPTY) {
                    slot = slot + 1 == capacity ? 0 : slot + 1;
                }
                table[slot] = v;
            }
        }
        tables[s] = table;
        limits[s] = (int) (capacity * MAX_LOAD);
    }

    /** Lemire's multiply-shift range reduction of the low 32 bits: no power-of-two capacity needed. */
    private static int slotOf(long value, int capacity) {
        return (int) (((value & 0xFFFF_FFFFL) * capacity) >>> 32);
    }
}
