package io.mailstream.dispatcher.suppress;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.SuppressionSource;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The positive side of the lookup, on the heap: for the addresses whose entry blocks for good (no
 * part expires: hard bounces, complaints, manual entries without expiry, a single unsubscribe),
 * a 52-bit fingerprint and what blocks them, so that most lookups of a suppressed address are
 * answered without a RocksDB read through JNI (≈ 4.7 µs at 10 M addresses; this costs one or two
 * cache lines).
 *
 * <p><b>Only ever answers "blocked".</b> When the entry found does not block the mail asked about
 * (an unsubscribe from another list), or nothing is found, the store reads RocksDB as before. So a
 * fingerprint shared by two addresses, or an entry evicted from a full set, can never let a
 * suppressed address through; the one error left is that an address sharing the 52-bit
 * fingerprint of another's blocking entry is answered blocked: for an address that passed the
 * {@link AddressFilter} (≈ 1 % of the never-suppressed ones) about n × 2<sup>-52</sup> per address
 * (2·10<sup>-9</sup> at n = 10 M), and among 10 M suppressed addresses about 1 % chance that one such
 * pair exists at all.
 *
 * <p>Layout: sets of {@link #WAYS} longs, each {@code fingerprint << 12 | verdict id} (0 = empty);
 * two candidate sets per fingerprint, both chosen by its bits, so the table can double without the keys.
 * It doubles at 3/4 load or when both sets of a new entry are full, up to {@link #MAX_SLOTS}; only
 * then does a new entry replace an old one. Verdicts
 * (source, reason, list) are interned, at most {@link #MAX_VERDICTS}; an entry whose verdict does
 * not fit is simply not held. Only the store's writing thread changes it; readers may see a change
 * late, which only ever means one more RocksDB read or a block the store is about to write anyway.
 */
final class BlockingIndex {
    static final int WAYS = 8;
    private static final int VERDICT_BITS = 12;
    static final int MAX_VERDICTS = (1 << VERDICT_BITS) - 1;
    private static final int FINGERPRINT_BITS = 64 - VERDICT_BITS;
    static final int MIN_SLOTS = 1 << 16;
    /** 128 MiB: about 12 M addresses before sets start to evict (still exact, a little slower). */
    static final int MAX_SLOTS = 1 << 24;
    private static final int FILE_MAGIC = 0x4d534249; // "MSBI"
    private static final int IO_BUFFER_BYTES = 1 << 20;
    private static final SuppressionSource[] SOURCES = SuppressionSource.values();

    /** What blocks an address: a source other than an unsubscribe blocks every mail; an unsubscribe only campaign mail of its list. */
    record Verdict(Suppressed suppressed) {
        boolean blocks(MessageKind kind, Optional<String> listId, UnsubscribeScope unsubscribes) {
            if (suppressed.source() != SuppressionSource.UNSUBSCRIBE) {
                return true;
            }
            return kind == MessageKind.CAMPAIGN && (unsubscribes == UnsubscribeScope.GLOBAL || suppressed.scope().isEmpty()
                    || listId.isEmpty() || listId.get().equals(suppressed.scope().get()));
        }
    }

    private final Verdict[] verdicts;
    private final Map<Verdict, Integer> verdictIds;
    private volatile Table table;
    private long occupied;

    /**
     * Each fingerprint has two sets: the first from its top bits, the second from its bottom bits.
     * An entry goes to the second only when the first is full (so most are found in one cache line),
     * which keeps evictions rare up to the 3/4 load at which the table doubles.
     */
    private record Table(AtomicLongArray slots, int setBits) {
        int firstSet(long fingerprint) {
            return setBits == 0 ? 0 : (int) (fingerprint >>> (FINGERPRINT_BITS - setBits)) * WAYS;
        }

        int secondSet(long fingerprint) {
            return (int) (fingerprint & ((1L << setBits) - 1)) * WAYS;
        }

        /** The slot holding {@code fingerprint}, or -1. */
        int find(long fingerprint) {
            int i = findIn(firstSet(fingerprint), fingerprint);
            return i >= 0 ? i : findIn(secondSet(fingerprint), fingerprint);
        }

        private int findIn(int base, long fingerprint) {
            for (int i = base; i < base + WAYS; i++) {
                if (slots.get(i) >>> VERDICT_BITS == fingerprint) {
                    return i;
                }
            }
            return -1;
        }

        /** Puts a fingerprint not held yet; true if it took an empty slot, false if it replaced another entry. */
        boolean insert(long value) {
            long fingerprint = value >>> VERDICT_BITS;
            int first = firstSet(fingerprint);
            int free = freeIn(first);
            if (free < 0) {
                free = freeIn(secondSet(fingerprint));
            }
            if (free >= 0) {
                slots.set(free, value);
                return true;
            }
            // both sets full: replace one entry; the one replaced is read from RocksDB from now on
            slots.set(first + (int) (fingerprint >>> 20 & (WAYS - 1)), value);
            return false;
        }

        boolean hasRoomFor(long fingerprint) {
            return freeIn(firstSet(fingerprint)) >= 0 || freeIn(secondSet(fingerprint)) >= 0;
        }

        private int freeIn(int base) {
            for (int i = base; i < base + WAYS; i++) {
                if (slots.get(i) == 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    private BlockingIndex(Verdict[] verdicts, Map<Verdict, Integer> verdictIds, Table table, long occupied) {
        this.verdicts = verdicts;
        this.verdictIds = verdictIds;
        this.table = table;
        this.occupied = occupied;
    }

    /** An empty index of {@code slots} (a power of two, at least {@link #WAYS}) that grows up to {@link #MAX_SLOTS}. */
    static BlockingIndex withSlots(int slots) {
        if (Integer.bitCount(slots) != 1 || slots < WAYS || slots > MAX_SLOTS) {
            throw new IllegalArgumentException("slots must be a power of two in [" + WAYS + ", " + MAX_SLOTS + "], was " + slots);
        }
        return new BlockingIndex(new Verdict[MAX_VERDICTS + 1], new HashMap<>(), table(slots), 0);
    }

    static BlockingIndex empty() {
        return withSlots(MIN_SLOTS);
    }

    private static Table table(int slots) {
        return new Table(new AtomicLongArray(slots), Integer.numberOfTrailingZeros(slots / WAYS));
    }

    /**
     * What {@link SuppressionEntry#blocking} answers for {@code entry} at any time, if that does not
     * depend on the time and the index can hold it: null for an entry with a part that expires, or
     * with several unsubscribes and nothing else.
     */
    static Suppressed verdictOf(SuppressionEntry entry) {
        SuppressionEntry.Part unsubscribe = null;
        int unsubscribes = 0;
        for (SuppressionEntry.Part p : entry.parts()) {
            if (p.expiresAtMillis() != SuppressionEntry.PERMANENT) {
                return null;
            }
        }
        for (SuppressionEntry.Part p : entry.parts()) {
            if (p.source() != SuppressionSource.UNSUBSCRIBE) {
                return p.toSuppressed();
            }
            unsubscribe = p;
            unsubscribes++;
        }
        return unsubscribes == 1 ? unsubscribe.toSuppressed() : null;
    }

    /** Only the writing thread: holds what blocks the address of {@code hash}, or forgets it when {@code entry} is not held. */
    void put(long hash, SuppressionEntry entry) {
        Suppressed s = verdictOf(entry);
        int id = s == null ? -1 : intern(new Verdict(s));
        if (id < 0) {
            remove(hash);
            return;
        }
        long fingerprint = fingerprint(hash);
        long value = fingerprint << VERDICT_BITS | id;
        Table t = table;
        int at = t.find(fingerprint);
        if (at >= 0) {
            t.slots().set(at, value);
            return;
        }
        while (!t.hasRoomFor(fingerprint) && t.slots().length() < MAX_SLOTS) {
            t = grow(t); // rather than evict while the table may still grow
        }
        if (t.insert(value)) {
            occupied++;
            if (occupied > t.slots().length() / 4 * 3 && t.slots().length() < MAX_SLOTS) {
                grow(t);
            }
        }
    }

    /** Only the writing thread: the address of {@code hash} is lifted or no longer held here. */
    void remove(long hash) {
        long fingerprint = fingerprint(hash);
        Table t = table;
        int at = t.find(fingerprint);
        if (at >= 0) {
            t.slots().set(at, 0);
            occupied--;
        }
    }

    /** What blocks mail of {@code kind} from {@code listId} to the address of {@code hash}; null: ask the store. */
    Suppressed blocking(long hash, MessageKind kind, Optional<String> listId, UnsubscribeScope unsubscribes) {
        Table t = table;
        int at = t.find(fingerprint(hash));
        if (at < 0) {
            return null;
        }
        Verdict verdict = verdicts[(int) (t.slots().get(at) & MAX_VERDICTS)];
        return verdict.blocks(kind, listId, unsubscribes) ? verdict.suppressed() : null;
    }

    long sizeBytes() {
        return (long) table.slots().length() * Long.BYTES;
    }

    long occupied() {
        return occupied;
    }

    private int intern(Verdict v) {
        Integer id = verdictIds.get(v);
        if (id != null) {
            return id;
        }
        if (verdictIds.size() >= MAX_VERDICTS) {
            return -1; // e.g. thousands of distinct manual reasons: those entries are read from RocksDB
        }
        int next = verdictIds.size() + 1; // 0 marks an empty slot
        verdicts[next] = v; // written before any slot names it: a reader that sees the slot sees the verdict
        verdictIds.put(v, next);
        return next;
    }

    /** Twice as many sets, each entry moved by its fingerprint's next bit; readers use the old table meanwhile. */
    private Table grow(Table old) {
        Table t = table(old.slots().length() * 2);
        long held = 0;
        for (int i = 0; i < old.slots().length(); i++) {
            long v = old.slots().get(i);
            if (v != 0 && t.insert(v)) {
                held++;
            }
        }
        occupied = held;
        table = t;
        return t;
    }

    /**
     * 52 bits independent of the {@link AddressFilter}'s use of the same hash (a second finaliser),
     * never 0 so that an empty slot matches nothing.
     */
    private static long fingerprint(long hash) {
        long h = hash ^ 0x5bd1e9955bd1e995L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        long f = h >>> VERDICT_BITS;
        return f == 0 ? 1 : f;
    }

    /**
     * Writes the index so the next open need not read every entry again. Call only when no put runs.
     * The slots come first at a fixed offset and move in 1 MiB buffers: 128 MiB at 10 M addresses
     * would take about a second through a {@code DataOutputStream}, on the path of every restart.
     */
    void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Table t = table;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(IO_BUFFER_BYTES);
            buffer.putInt(FILE_MAGIC).putInt(t.slots().length()).putLong(occupied);
            for (int i = 0; i < t.slots().length(); i++) {
                if (!buffer.hasRemaining()) {
                    writeAll(out, buffer.flip());
                    buffer.clear();
                }
                buffer.putLong(t.slots().get(i));
            }
            writeAll(out, buffer.flip());
            java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
            try (DataOutputStream verdictsOut = new DataOutputStream(tail)) {
                verdictsOut.writeInt(verdictIds.size());
                for (int id = 1; id <= verdictIds.size(); id++) {
                    Suppressed s = verdicts[id].suppressed();
                    verdictsOut.writeByte(s.source().ordinal());
                    verdictsOut.writeUTF(s.reason());
                    verdictsOut.writeUTF(s.scope().orElse(""));
                }
            }
            writeAll(out, ByteBuffer.wrap(tail.toByteArray()));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAll(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** The index {@link #save} wrote; an {@link IOException} for a missing, short or foreign file. */
    static BlockingIndex load(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = readFully(in, ByteBuffer.allocate(16), file);
            if (header.getInt() != FILE_MAGIC) {
                throw new IOException(file + " is not a blocking index");
            }
            int length = header.getInt();
            long occupied = header.getLong();
            if (Integer.bitCount(length) != 1 || length < WAYS || length > MAX_SLOTS || 16L + 8L * length > in.size()) {
                throw new IOException(file + " has a bad length " + length);
            }
            AtomicLongArray slots = new AtomicLongArray(length);
            ByteBuffer buffer = ByteBuffer.allocate(IO_BUFFER_BYTES);
            long maxId = 0;
            for (int i = 0; i < length; ) {
                buffer.clear().limit((int) Math.min(IO_BUFFER_BYTES, 8L * (length - i)));
                readFully(in, buffer, file);
                while (buffer.hasRemaining()) {
                    long v = buffer.getLong();
                    maxId = Math.max(maxId, v & MAX_VERDICTS);
                    slots.setPlain(i++, v); // published by the index's volatile table field
                }
            }
            DataInputStream rest = new DataInputStream(new BufferedInputStream(Channels.newInputStream(in), 1 << 16));
            int count = rest.readInt();
            if (count < 0 || count > MAX_VERDICTS || maxId > count) {
                throw new IOException(file + " has " + count + " verdicts, and a slot names verdict " + maxId);
            }
            Verdict[] verdicts = new Verdict[MAX_VERDICTS + 1];
            Map<Verdict, Integer> ids = new HashMap<>();
            for (int id = 1; id <= count; id++) {
                int source = rest.readUnsignedByte();
                if (source >= SOURCES.length) {
                    throw new IOException(file + " names an unknown source " + source);
                }
                String reason = rest.readUTF();
                String scope = rest.readUTF();
                verdicts[id] = new Verdict(new Suppressed(SOURCES[source], reason,
                        scope.isEmpty() ? Optional.empty() : Optional.of(scope), Optional.empty()));
                ids.put(verdicts[id], id);
            }
            return new BlockingIndex(verdicts, ids, new Table(slots, Integer.numberOfTrailingZeros(length / WAYS)), occupied);
        }
    }

    private static ByteBuffer readFully(FileChannel in, ByteBuffer b, Path file) throws IOException {
        while (b.hasRemaining()) {
            if (in.read(b) < 0) {
                throw new IOException(file + " is truncated");
            }
        }
        return b.flip();
    }
}
