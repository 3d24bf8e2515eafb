package io.mailstream.dispatcher.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
 * <p>Writes from {@link #record} (this dispatcher's own acknowledged outcomes) skip the write-ahead
 * log: they are also in {@code mail.delivery-events}, and {@link LedgerFeed} stores its position only
 * with what it read, in one logged batch, so a crash loses nothing the feed does not read again.
 * Read-modify-write of an entry is guarded by one of 64 striped locks (by message id): no lock is
 * shared by all workers.
 */
public final class RocksSentLedger implements SentLedger {
    private static final int STRIPES = 64;
    private static final long BLOCK_CACHE_BYTES = 32L * 1024 * 1024;
    private static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;

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
    /** Checked before every native call: a call on a closed handle would crash the JVM, not throw. */
    private volatile boolean closed;

    private RocksSentLedger(Path directory, boolean deleteOnClose, Clock clock, Duration horizon, LRUCache cache,
                            Options options, TtlDB db) {
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
        return open(directory, false, horizon, clock);
    }

    /**
     * Opens a store in a new temporary directory, deleted on {@link #close()}: the ledger is then
     * rebuilt from {@code mail.delivery-events} at every start ({@code ledger.state-dir} unset).
     */
    public static RocksSentLedger openTemporary(Duration horizon, Clock clock) {
        try {
            return open(Files.createTempDirectory("mailstream-ledger-"), true, horizon, clock);
        } catch (IOException e) {
            throw LedgerStoreException.open(Path.of(System.getProperty("java.io.tmpdir")), e);
        }
    }

    private static RocksSentLedger open(Path directory, boolean deleteOnClose, Duration horizon, Clock clock) {
        LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
        Options options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(new BloomFilter(10, false)));
        try {
            Files.createDirectories(directory);
            int ttlSeconds = (int) Math.min(Integer.MAX_VALUE, horizon.toSeconds());
            return new RocksSentLedger(directory, deleteOnClose, clock, horizon, cache, options,
                    TtlDB.open(options, directory.toString(), ttlSeconds, false));
        } catch (RocksDBException | IOException e) {
            options.close();
            cache.close();
            throw LedgerStoreException.open(directory, e);
        }
    }

    @Override
    public boolean covers(String messageId, int attempt) {
        requireOpen();
        byte[] value;
        try {
            value = db.get(reads, key(messageId));
        } catch (RocksDBException e) {
            throw LedgerStoreException.read(directory, e);
        }
        if (value == null) {
            return false;
        }
        LedgerEntry entry = LedgerEntry.decode(value);
        return !entry.at().isBefore(clock.instant().minus(horizon)) && entry.covers(attempt);
    }

    @Override
    public void record(Outcome outcome) {
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
                    byte[] old = db.get(reads, key);
                    LedgerEntry known = old == null ? null : LedgerEntry.decode(old);
                    LedgerEntry entry = known == null ? e.getValue() : known.merge(e.getValue());
                    if (entry.equals(known)) {
                        // This dispatcher's own outcome, already written through by record(): only make it logged.
                        batch.put(key, old);
                        continue;
                    }
                    // Written at once (unlogged), so that a concurrent record() merges with it; the batch below
                    // writes it again, logged, with the position.
                    db.put(unlogged, key, entry.encode());
                    batch.put(key, entry.encode());
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
