package io.mailstream.dispatcher.suppress;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Suppression;
import io.mailstream.schemas.address.EmailAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import io.mailstream.dispatcher.follow.RocksPositions;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The {@link SuppressionStore} in a local RocksDB ({@code suppressions.state-dir}): one
 * {@link SuppressionEntry} per address on disk, a fixed block cache and write buffers; an
 * {@link AddressFilter} on the heap (10 bits per address) answers most "not suppressed" lookups
 * without a native call, and a {@link BlockingIndex} (a fingerprint and what blocks, per address
 * whose entry blocks for good) answers most "suppressed" ones, so the half-suppressed lookup mix
 * stays off RocksDB except for unsubscribes from other lists and time-limited entries; both are
 * kept across clean restarts ({@link HeapIndexFiles}). Data blocks are uncompressed and read through a memory map, so a hit
 * decompresses nothing; the mapped pages are the kernel's page cache (they show in the resident
 * size as file pages, which the kernel can drop), not the process's own memory.
 *
 * <p>The follower's updates are collected in a batch and written with the positions they bring
 * the store to in one atomic write ({@link #endOfBatch}); a restart resumes from those positions
 * and reads only what changed. Those writes skip the write-ahead log (a cold load of 10 M
 * addresses would write everything twice): a crash loses the writes since the last memtable
 * flush, data and positions alike, so the store goes back to an earlier consistent point and the
 * follower reads again from there. {@link #close()} flushes, so a clean stop loses nothing.
 * Only the follower's thread writes; lookups come from every worker.
 */
public final class RocksSuppressionStore implements SuppressionStore {
    /**
     * Holds the uncompressed blocks of a few million addresses (≈ 57 bytes each on disk), small
     * enough that a dispatcher with {@code -Xmx512m} stays under 1 GiB of its own memory.
     */
    private static final long BLOCK_CACHE_BYTES = 256L * 1024 * 1024;
    /**
     * 16 M addresses before the first growth, 20 MiB of heap: growing means reading every key
     * again on the follower's thread (seconds at 10 M), so a cold load of 10 M should never need it.
     */
    static final long MIN_FILTER_CAPACITY = 16_000_000;
    private static final long WRITE_BUFFER_BYTES = 32L * 1024 * 1024;
    /** Most entries are one part of ~25 bytes: read into a buffer per thread instead of a new array per lookup. */
    private static final ThreadLocal<byte[]> VALUE_BUFFER = ThreadLocal.withInitial(() -> new byte[256]);

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final boolean deleteOnClose;
    private final long minFilterCapacity;
    private final Clock clock;
    private final UnsubscribeScope unsubscribes;
    private final LRUCache cache;
    private final Options options;
    private final RocksDB db;
    /** Every key held, on the heap: most "not suppressed" answers come from here without a native call. */
    private volatile AddressFilter filter;
    /** What blocks most suppressed addresses, on the heap: most hits are answered without a native call. */
    private volatile BlockingIndex blocks;
    /** Index changes of the current batch (hash, entry or null for a removal), applied once the batch is written. */
    private final java.util.ArrayList<IndexChange> pendingIndex = new java.util.ArrayList<>();

    private record IndexChange(long hash, SuppressionEntry entry) {
    }
    private final ReadOptions reads = new ReadOptions();
    private final WriteOptions unlogged = new WriteOptions().setDisableWAL(true);
    /** Updates since the last {@link #endOfBatch}; only the follower's thread touches it. */
    private WriteBatch pending = new WriteBatch();
    /** Checked before every native call: a call on a closed handle would crash the JVM, not throw. */
    private volatile boolean closed;

    private RocksSuppressionStore(Path directory, boolean deleteOnClose, long minFilterCapacity, Clock clock,
                                  UnsubscribeScope unsubscribes, LRUCache cache, Options options, RocksDB db) {
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.minFilterCapacity = minFilterCapacity;
        this.clock = clock;
        this.unsubscribes = unsubscribes;
        this.cache = cache;
        this.options = options;
        this.db = db;
        HeapIndexFiles.Loaded loaded = HeapIndexFiles.loadOrBuild(directory, db, minFilterCapacity);
        this.filter = loaded.filter();
        this.blocks = loaded.blocks();
    }

    /** Opens (creating if needed) the store in {@code directory}; only one process may have it open. */
    public static RocksSuppressionStore open(Path directory, UnsubscribeScope unsubscribes, Clock clock) {
        return open(directory, false, MIN_FILTER_CAPACITY, unsubscribes, clock);
    }

    /** As {@link #open(Path, UnsubscribeScope, Clock)} with a smaller first filter: lets a test see it grow. */
    static RocksSuppressionStore open(Path directory, long minFilterCapacity, UnsubscribeScope unsubscribes, Clock clock) {
        return open(directory, false, minFilterCapacity, unsubscribes, clock);
    }

    /** A store in a new temporary directory, deleted on {@link #close()}: rebuilt from the topic at every start. */
    public static RocksSuppressionStore openTemporary(UnsubscribeScope unsubscribes, Clock clock) {
        try {
            return open(Files.createTempDirectory("mailstream-suppressions-"), true, MIN_FILTER_CAPACITY, unsubscribes, clock);
        } catch (IOException e) {
            throw SuppressionStoreException.open(Path.of(System.getProperty("java.io.tmpdir")), e);
        }
    }

    private static RocksSuppressionStore open(Path directory, boolean deleteOnClose, long minFilterCapacity,
                                              UnsubscribeScope unsubscribes, Clock clock) {
        LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
        Options options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2)
                .setMaxBackgroundJobs(2)
                // the heap filter already turned away the addresses not held: a lookup that gets here is
                // nearly always a hit, for which the last level's Bloom filter is only one more probe
                .setOptimizeFiltersForHits(true)
                // a hit whose block is not in the block cache reads the mapped file instead of a pread
                // into a new buffer: measured at 10 M addresses, ≈ 4.7 µs instead of ≈ 8 µs of CPU per hit
                .setAllowMmapReads(true)
                // lookups read single keys: no block decompression on the path of a hit, and a hash
                // index inside each data block instead of a binary search
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setBottommostCompressionType(CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash)
                        .setDataBlockHashTableUtilRatio(0.75)
                        .setFilterPolicy(new BloomFilter(10, false)));
        RocksDB db;
        try {
            Files.createDirectories(directory);
            db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException | IOException e) {
            options.close();
            cache.close();
            throw SuppressionStoreException.open(directory, e);
        }
        try {
            return new RocksSuppressionStore(directory, deleteOnClose, minFilterCapacity, clock, unsubscribes, cache, options, db);
        } catch (RuntimeException e) { // building the filter failed: release the lock on the directory
            db.close();
            options.close();
            cache.close();
            throw e;
        }
    }

    @Override
    public synchronized void upsert(String key, Suppression value) {
        requireOpen();
        try {
            String normalized = SuppressionKeys.normalize(key);
            long hash = AddressFilter.hash(normalized);
            // into the filter before the store: a reader never finds a key the filter says is absent
            filter.add(hash);
            SuppressionEntry entry = SuppressionEntry.fromAvro(value);
            pending.put(key(normalized), entry.encode());
            pendingIndex.add(new IndexChange(hash, entry));
        } catch (RocksDBException e) {
            throw SuppressionStoreException.write(directory, e);
        }
    }

    @Override
    public synchronized void remove(String key) {
        requireOpen();
        try {
            String normalized = SuppressionKeys.normalize(key);
            pending.delete(key(normalized));
            pendingIndex.add(new IndexChange(AddressFilter.hash(normalized), null));
        } catch (RocksDBException e) {
            throw SuppressionStoreException.write(directory, e);
        }
    }

    @Override
    public synchronized void endOfBatch(Map<Integer, Long> positions) {
        requireOpen();
        try {
            for (Map.Entry<Integer, Long> p : positions.entrySet()) {
                pending.put(RocksPositions.key(p.getKey()), RocksPositions.value(p.getValue()));
            }
            if (pending.count() > 0) {
                db.write(unlogged, pending);
            }
            // after the write: until then a lifted address may still be answered blocked from the index
            // (fail closed), and a new one is answered from RocksDB
            for (IndexChange c : pendingIndex) {
                if (c.entry() == null) {
                    blocks.remove(c.hash());
                } else {
                    blocks.put(c.hash(), c.entry());
                }
            }
            if (filter.added() > filter.capacity()) {
                // past its size the filter answers "maybe" more and more often: rebuild it twice as
                // large from the store, which now holds every key added; readers use the old one meanwhile
                filter = buildFilter(2 * filter.added());
            }
        } catch (RocksDBException e) {
            throw SuppressionStoreException.write(directory, e);
        } finally {
            pending.close();
            pending = new WriteBatch();
            pendingIndex.clear();
        }
    }

    @Override
    public synchronized Map<Integer, Long> storedPositions() {
        requireOpen();
        return RocksPositions.read(db, reads);
    }

    @Override
    public Optional<Suppressed> find(EmailAddress address, MessageKind kind, Optional<String> listId) {
        requireOpen();
        long hash = AddressFilter.hash(address.normalized());
        if (!filter.mightContain(hash)) {
            return Optional.empty();
        }
        Suppressed known = blocks.blocking(hash, kind, listId, unsubscribes);
        if (known != null) {
            return Optional.of(known);
        }
        byte[] key = key(address.normalized());
        byte[] value = VALUE_BUFFER.get();
        int length;
        try {
            length = db.get(reads, key, value);
            if (length > value.length) {
                value = db.get(reads, key); // an entry with many lists: bigger than the buffer
                length = value == null ? RocksDB.NOT_FOUND : value.length;
            }
        } catch (RocksDBException e) {
            throw SuppressionStoreException.read(directory, e);
        }
        if (length == RocksDB.NOT_FOUND) {
            return Optional.empty();
        }
        try {
            return SuppressionEntry.blocking(value, length, kind,
                    listId.map(l -> l.getBytes(StandardCharsets.UTF_8)).orElse(null), unsubscribes, clock.millis());
        } catch (IllegalArgumentException e) {
            throw SuppressionStoreException.corrupt(directory, address.normalized());
        }
    }


    /** Reads every address key (not the positions) into a new filter sized for {@code capacity} keys. */
    private AddressFilter buildFilter(long capacity) {
        AddressFilter built = AddressFilter.withCapacity(Math.max(minFilterCapacity, capacity));
        try (ReadOptions scan = new ReadOptions().setFillCache(false); RocksIterator it = db.newIterator(scan)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (!RocksPositions.isPositionRange(k)) {
                    built.add(new String(k, StandardCharsets.UTF_8));
                }
            }
        }
        return built;
    }

    /** The heap filter's size in bytes; for benchmarks and tests. */
    long filterBytes() {
        return filter.sizeBytes();
    }

    /** The blocking index's size in bytes; for benchmarks and tests. */
    long indexBytes() {
        return blocks.sizeBytes();
    }

    /** RocksDB's estimate of the addresses held (plus the few position keys); for logs and benchmarks. */
    public long estimatedSize() {
        requireOpen();
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw SuppressionStoreException.read(directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    private void requireOpen() {
        if (closed) {
            throw SuppressionStoreException.closed(directory);
        }
    }

    private static byte[] key(String normalized) {
        return normalized.getBytes(StandardCharsets.UTF_8);
    }


    /** Flushes what was written (the write-ahead log is off), then releases the native handles. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            // the next start reads again from the last flushed positions
        }
        if (!deleteOnClose) {
            try {
                HeapIndexFiles.save(directory, filter, blocks);
            } catch (IOException e) {
                // the next open reads every key again to rebuild it: slower, nothing lost
            }
        }
        pending.close();
        db.close();
        reads.close();
        unlogged.close();
        options.close();
        cache.close();
        if (deleteOnClose) {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind costs disk, nothing else
        }
    }
}
