package io.mailstream.dispatcher.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import io.mailstream.dispatcher.follow.RocksPositions;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.TtlDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The {@link SentLedger} in a local RocksDB ({@code ledger.state-dir}): entries live on disk, with a
 * fixed block cache and write buffers, so memory does not depend on the number of message ids.
 * Opened as a TTL database with the horizon as its TTL, so compaction drops entries older than it;
 * reads also ignore entries older than the horizon by the injected clock (compaction is lazy).
 *
 * <p>This dispatcher's own acknowledged outcomes ({@link #record}) wait on the heap
 * ({@link UnappliedOutcomes}) until {@link LedgerFeed} reads them back from {@code mail.delivery-events}
 * and stores them, with its position, in one logged batch; so a crash loses nothing the feed does not
 * read again. Only when too many wait (the feed is behind) does {@link #record} write to the store
 * itself, unlogged. Read-modify-write of an entry is guarded by one of 64 striped locks (by message
 * id): no lock is shared by all workers.
 *
 * <p>Most checks are of ids never sent: the memtables carry a whole-key Bloom filter and
 * {@link #covers} asks {@code keyMayExist} first, so such a check reads no value.
 */
public final class RocksSentLedger implements SentLedger {
    private static final int STRIPES = 64;
    private static final long BLOCK_CACHE_BYTES = 32L * 1024 * 1024;
    private static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    /** About 150 bytes each on the heap: at most ~30 MB while the feed is behind, then {@link #record} writes through. */
    static final int MAX_UNAPPLIED = 200_000;

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final boolean deleteOnClose;
    private final Clock clock;
    private final Duration horizon;
    private final LRUCache cache;
    private final Options options;
    private final TtlDB db;
    private final ReadOptions reads = new ReadOptions();
    private final WriteOptions unlogged = new WriteOptions().setDisableWAL(true);
    private final WriteOptions logged = new WriteOptions();
    private final Object[] stripes = new Object[STRIPES];
    private final UnappliedOutcomes unapplied;
    /** Checked before every native call: a call on a closed handle would crash the JVM, not throw. */
    private volatile boolean closed;

    private RocksSentLedger(Path directory, boolean deleteOnClose, Clock clock, Duration horizon, LRUCache cache,
                            Options options, TtlDB db, int maxUnapplied) {
        this.unapplied = new UnappliedOutcomes(maxUnapplied);
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.clock = clock;
        this.horizon = horizon;
        this.cache = cache;
        this.options = options;
        this.db = db;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Opens (creating if needed) the store in {@code directory}; only one process may have it open. */
    public static RocksSentLedger open(Path directory, Duration horizon, Clock clock) {
        return open(directory, false, horizon, clock, MAX_UNAPPLIED);
    }

    /** As {@link #open(Path, Duration, Clock)}, with at most {@code maxUnapplied} own outcomes waiting on the heap for the feed. */
    static RocksSentLedger open(Path directory, Duration horizon, Clock clock, int maxUnapplied) {
        return open(directory, false, horizon, clock, maxUnapplied);
    }

    /**
     * Opens a store in a new temporary directory, deleted on {@link #close()}: the ledger is then
     * rebuilt from {@code mail.delivery-events} at every start ({@code ledger.state-dir} unset).
     */
    public static RocksSentLedger openTemporary(Duration horizon, Clock clock) {
        try {
            return open(Files.createTempDirectory("mailstream-ledger-"), true, horizon, clock, MAX_UNAPPLIED);
        } catch (IOException e) {
            throw LedgerStoreException.open(Path.of(System.getProperty("java.io.tmpdir")), e);
        }
    }

    private static RocksSentLedger open(Path directory, boolean deleteOnClose, Duration horizon, Clock clock,
                                        int maxUnapplied) {
        LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
        Options options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2)
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(new BloomFilter(10, false)));
        try {
            Files.createDirectories(directory);
            int ttlSeconds = (int) Math.min(Integer.MAX_VALUE, horizon.toSeconds());
            return new RocksSentLedger(directory, deleteOnClose, clock, horizon, cache, options,
                    TtlDB.open(options, directory.toString(), ttlSeconds, false), maxUnapplied);
        } catch (RocksDBException | IOException e) {
            options.close();
            cache.close();
            throw LedgerStoreException.open(directory, e);
        }
    }

    @Override
    public boolean covers(String messageId, int attempt) {
        requireOpen();
        Instant oldest = clock.instant().minus(horizon);
        Optional<LedgerEntry> own = unapplied.get(messageId);
        if (own.isPresent() && !own.get().at().isBefore(oldest) && own.get().covers(attempt)) {
            return true;
        }
        byte[] key = key(messageId);
        byte[] value;
        try {
            value = db.keyMayExist(reads, key, null) ? db.get(reads, key) : null;
        } catch (RocksDBException e) {
            throw LedgerStoreException.read(directory, e);
        }
        if (value == null) {
            return false;
        }
        LedgerEntry entry = LedgerEntry.decode(value);
        return !entry.at().isBefore(oldest) && entry.covers(attempt);
    }

    @Override
    public void record(Outcome outcome) {
        requireOpen();
        if (unapplied.offer(outcome.messageId(), outcome.entry())) {
            return;
        }
        byte[] key = key(outcome.messageId());
        synchronized (stripe(outcome.messageId())) {
            requireOpen();
            try {
                db.put(unlogged, key, merged(key, outcome).encode());
            } catch (RocksDBException e) {
                throw LedgerStoreException.write(directory, e);
            }
        }
    }

    @Override
    public synchronized void apply(Collection<Outcome> outcomes, Map<Integer, Long> positions) {
        requireOpen();
        try (WriteBatch batch = new WriteBatch()) {
            // Entries of one batch may share ids: merge within the batch before against the store.
            Map<String, LedgerEntry> byId = new HashMap<>();
            for (Outcome o : outcomes) {
                byId.merge(o.messageId(), o.entry(), LedgerEntry::merge);
            }
            for (Map.Entry<String, LedgerEntry> e : byId.entrySet()) {
                byte[] key = key(e.getKey());
                synchronized (stripe(e.getKey())) {
                    byte[] old = db.keyMayExist(reads, key, null) ? db.get(reads, key) : null;
                    LedgerEntry known = old == null ? null : LedgerEntry.decode(old);
                    LedgerEntry entry = known == null ? e.getValue() : known.merge(e.getValue());
                    if (entry.equals(known)) {
                        // Written through by record() while the heap was full: only make it logged.
                        batch.put(key, old);
                    } else {
                        byte[] encoded = entry.encode();
                        if (unapplied.everOverflowed()) {
                            // record() may write this key itself now: store at once (unlogged) so that it merges
                            // with this entry; the batch below writes it again, logged, with the position.
                            db.put(unlogged, key, encoded);
                        }
                        batch.put(key, encoded);
                    }
                    unapplied.appliedAs(e.getKey(), entry);
                }
            }
            for (Map.Entry<Integer, Long> p : positions.entrySet()) {
                batch.put(RocksPositions.key(p.getKey()), RocksPositions.value(p.getValue()));
            }
            db.write(logged, batch);
        } catch (RocksDBException e) {
            throw LedgerStoreException.write(directory, e);
        }
    }

    @Override
    public synchronized Map<Integer, Long> positions() {
        requireOpen();
        return RocksPositions.read(db, reads);
    }

    private void requireOpen() {
        if (closed) {
            throw LedgerStoreException.closed(directory);
        }
    }

    private LedgerEntry merged(byte[] key, Outcome outcome) throws RocksDBException {
        byte[] old = db.get(reads, key);
        return old == null ? outcome.entry() : LedgerEntry.decode(old).merge(outcome.entry());
    }

    private Object stripe(String messageId) {
        return stripes[Math.floorMod(messageId.hashCode(), STRIPES)];
    }

    private static byte[] key(String messageId) {
        return messageId.getBytes(StandardCharsets.UTF_8);
    }


    /** Own outcomes recorded and not yet read back by the feed (kept on the heap). */
    int unappliedCount() {
        return unapplied.size();
    }

    /** The store's directory. */
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            // the feed re-reads what the log did not keep
        }
        db.close();
        reads.close();
        unlogged.close();
        logged.close();
        options.close();
        cache.close();
        if (deleteOnClose) {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind costs disk, nothing else
        }
    }
}
