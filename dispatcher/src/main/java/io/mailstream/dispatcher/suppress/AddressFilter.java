package io.mailstream.dispatcher.suppress;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A blocked Bloom filter on the heap over every key the store has held: {@link #mightContain}
 * answering false proves the address is not in the store, so most lookups of addresses that were
 * never suppressed end here without a call into RocksDB (a JNI call and an index search cost
 * microseconds; this costs one cache line). It only ever says "maybe" for a key that was added,
 * so it can never let a suppressed address through. Keys are never removed (a Bloom filter cannot
 * forget): a lifted address costs a RocksDB lookup until the next rebuild, nothing else.
 *
 * <p>All bits of a key lie in one 512-bit block (one cache line). One thread adds, many read:
 * the bits are set with atomic ORs and read as volatiles, so an add that happened before the
 * store's write of the same key is visible to any reader that sees that write.
 */
final class AddressFilter {
    static final int BITS_PER_KEY = 10;
    private static final int BLOCK_LONGS = 8;
    private static final int PROBES = 7;
    private static final int FILE_MAGIC = 0x4d534146; // "MSAF"

    private final AtomicLongArray bits;
    private final int blocks;
    private final long capacity;
    private volatile long added;

    private AddressFilter(long[] words, long capacity, long added) {
        this.bits = new AtomicLongArray(words);
        this.blocks = words.length / BLOCK_LONGS;
        this.capacity = capacity;
        this.added = added;
    }

    /** An empty filter for about {@code capacity} keys at {@link #BITS_PER_KEY} bits each (≈ 1 % false "maybe"). */
    static AddressFilter withCapacity(long capacity) {
        long keys = Math.max(1024, capacity);
        long wanted = Math.ceilDiv(keys * BITS_PER_KEY, 64L * BLOCK_LONGS);
        if (wanted * BLOCK_LONGS > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an address filter for " + capacity + " keys would not fit in one array");
        }
        return new AddressFilter(new long[(int) wanted * BLOCK_LONGS], keys, 0);
    }

    /** The keys it was sized for; past that the share of false "maybe" grows (never a false "no"). */
    long capacity() {
        return capacity;
    }

    /** Keys added, counting a key added twice twice. */
    long added() {
        return added;
    }

    long sizeBytes() {
        return (long) bits.length() * Long.BYTES;
    }

    /** Only the store's writing thread calls this. */
    void add(String normalizedKey) {
        add(hash(normalizedKey));
    }

    /** As {@link #add(String)} with the key's {@link #hash}, computed once by the caller. */
    void add(long h) {
        int base = blockOf(h) * BLOCK_LONGS;
        long probes = h >>> 1 ^ h * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) (probes & 511);
            long mask = 1L << (bit & 63);
            int word = base + (bit >>> 6);
            long old = bits.get(word);
            while ((old & mask) == 0 && !bits.weakCompareAndSetVolatile(word, old, old | mask)) {
                old = bits.get(word);
            }
            probes >>>= 9;
        }
        added = added + 1;
    }

    /** False: the key was never added, so the store does not hold it. True: it may hold it. */
    boolean mightContain(String normalizedKey) {
        return mightContain(hash(normalizedKey));
    }

    /** As {@link #mightContain(String)} with the key's {@link #hash}, computed once by the caller. */
    boolean mightContain(long h) {
        int base = blockOf(h) * BLOCK_LONGS;
        long probes = h >>> 1 ^ h * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) (probes & 511);
            if ((bits.get(base + (bit >>> 6)) & 1L << (bit & 63)) == 0) {
                return false;
            }
            probes >>>= 9;
        }
        return true;
    }

    private int blockOf(long h) {
        // the high 32 bits choose the block: independent of the low bits used for the probes
        return (int) (((h >>> 32) * blocks) >>> 32);
    }

    /** FNV-1a over the UTF-16 chars, then a 64-bit finaliser (MurmurHash3's) so every bit depends on every char. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = s.length(); i < n; i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Writes the filter so the next open need not read every key again. Call only when no add runs. */
    void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(FILE_MAGIC);
            out.writeLong(capacity);
            out.writeLong(added);
            out.writeInt(bits.length());
            for (int i = 0; i < bits.length(); i++) {
                out.writeLong(bits.get(i));
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The filter {@link #save} wrote; an {@link IOException} for a missing, short or foreign file. */
    static AddressFilter load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != FILE_MAGIC) {
                throw new IOException(file + " is not an address filter");
            }
            long capacity = in.readLong();
            long added = in.readLong();
            int length = in.readInt();
            if (length <= 0 || length % BLOCK_LONGS != 0 || length > Files.size(file) / Long.BYTES) {
                throw new IOException(file + " has a bad length " + length);
            }
            long[] words = new long[length];
            for (int i = 0; i < length; i++) {
                words[i] = in.readLong();
            }
            return new AddressFilter(words, capacity, added);
        }
    }
}
