package io.mailstream.dispatcher.suppress;

import io.mailstream.dispatcher.follow.RocksPositions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The heap side of {@link RocksSuppressionStore} across restarts: {@link #save} leaves the
 * {@link AddressFilter} and the {@link BlockingIndex} next to the store at a clean close, so that
 * the next open reads two files instead of every entry; without both files (first open, a crash)
 * both are built from the store. The files are deleted once read: after a crash the store may hold
 * keys the last saved filter lacks, and a filter missing a key would let that address be mailed.
 */
final class HeapIndexFiles {
    static final String FILTER_FILE = "address-filter.bin";
    static final String INDEX_FILE = "blocking-index.bin";

    record Loaded(AddressFilter filter, BlockingIndex blocks) {
    }

    private HeapIndexFiles() {
    }

    static void save(Path directory, AddressFilter filter, BlockingIndex blocks) throws IOException {
        filter.save(directory.resolve(FILTER_FILE));
        blocks.save(directory.resolve(INDEX_FILE));
    }

    static Loaded loadOrBuild(Path directory, RocksDB db, long minFilterCapacity) {
        AddressFilter savedFilter = null;
        BlockingIndex savedIndex = null;
        try {
            Path file = directory.resolve(FILTER_FILE);
            if (Files.exists(file)) {
                AddressFilter f = AddressFilter.load(file);
                savedFilter = f.added() <= f.capacity() ? f : null;
            }
            Path index = directory.resolve(INDEX_FILE);
            if (Files.exists(index)) {
                savedIndex = BlockingIndex.load(index);
            }
        } catch (IOException e) {
            // unreadable: not to be trusted, rebuilt below
        }
        boolean deleted = deleteSaved(directory, FILTER_FILE) & deleteSaved(directory, INDEX_FILE);
        if (deleted && savedFilter != null && savedIndex != null) {
            return new Loaded(savedFilter, savedIndex);
        }
        return build(directory, db, minFilterCapacity);
    }

    /** Both read from every entry of the store (not the positions). */
    private static Loaded build(Path directory, RocksDB db, long minFilterCapacity) {
        long estimate;
        try {
            estimate = db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw SuppressionStoreException.read(directory, e);
        }
        AddressFilter filter = AddressFilter.withCapacity(Math.max(minFilterCapacity, 2 * estimate));
        long wanted = Math.max(BlockingIndex.MIN_SLOTS, 2 * estimate);
        BlockingIndex blocks = BlockingIndex.withSlots((int) Math.min(BlockingIndex.MAX_SLOTS, Long.highestOneBit(wanted - 1) << 1));
        try (ReadOptions scan = new ReadOptions().setFillCache(false); RocksIterator it = db.newIterator(scan)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (!RocksPositions.isPositionRange(k)) {
                    long hash = AddressFilter.hash(new String(k, StandardCharsets.UTF_8));
                    filter.add(hash);
                    try {
                        blocks.put(hash, SuppressionEntry.decode(it.value()));
                    } catch (IllegalArgumentException e) {
                        // a corrupt entry is not indexed: its lookup reads it and reports it (see find)
                    }
                }
            }
        }
        return new Loaded(filter, blocks);
    }

    /** False if a saved file is left that could not be deleted (it must not be read at a later open). */
    private static boolean deleteSaved(Path directory, String name) {
        try {
            Files.deleteIfExists(directory.resolve(name));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
