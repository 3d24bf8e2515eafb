package io.mailstream.dispatcher.follow;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * How a local RocksDB store keeps the topic positions it has applied, next to its data and written
 * in the same batch (the sent-ledger and the suppression store): key {@code 0 'p' <partition>},
 * value the next offset to read. The prefix starts with a 0 byte, so data keys sort after it.
 */
public final class RocksPositions {
    private static final byte[] PREFIX = {0, 'p'};

    private RocksPositions() {
    }

    /** The key of {@code partition}'s position. */
    public static byte[] key(int partition) {
        return ByteBuffer.allocate(PREFIX.length + Integer.BYTES).put(PREFIX).putInt(partition).array();
    }

    public static byte[] value(long nextOffset) {
        return ByteBuffer.allocate(Long.BYTES).putLong(nextOffset).array();
    }

    /** Whether {@code key} is in the position range (its first byte is the prefix's). */
    public static boolean isPositionRange(byte[] key) {
        return key.length > 0 && key[0] == PREFIX[0];
    }

    /** Every stored position: partition to the next offset to read. */
    public static Map<Integer, Long> read(RocksDB db, ReadOptions reads) {
        Map<Integer, Long> out = new HashMap<>();
        try (RocksIterator it = db.newIterator(reads)) {
            for (it.seek(PREFIX); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length != PREFIX.length + Integer.BYTES || k[0] != PREFIX[0] || k[1] != PREFIX[1]) {
                    break;
                }
                out.put(ByteBuffer.wrap(k, PREFIX.length, Integer.BYTES).getInt(), ByteBuffer.wrap(it.value()).getLong());
            }
        }
        return out;
    }
}
