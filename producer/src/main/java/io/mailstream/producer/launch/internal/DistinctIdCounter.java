package io.mailstream.producer.launch.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts the distinct 128-bit message ids of a launch exactly, in bounded memory: ids are buffered
 * in chunks, each chunk is sorted and written to a spill file without its repeats, and the count
 * is a merge of the sorted files (16 bytes of disk per distinct id per chunk, freed on close).
 *
 * <p>The launcher's window filter lets repeats that are far apart through to Kafka (the dispatcher's
 * ledger mails them once), so the number of events published is not the number of messages the
 * campaign has; this count is, and the campaign's completion is judged against it.
 */
public final class DistinctIdCounter implements AutoCloseable {
    private final Path spillDir;
    private final long[] chunk;
    private int size;
    private final List<Path> runs = new ArrayList<>();
    private boolean counted;

    /** @param chunkIds ids held in memory before a spill (16 bytes each) */
    public DistinctIdCounter(Path spillDir, int chunkIds) {
        if (chunkIds < 1) {
            throw new IllegalArgumentException("chunkIds must be at least 1, was " + chunkIds);
        }
        this.spillDir = spillDir;
        this.chunk = new long[2 * chunkIds];
    }

    public void add(String messageId) {
        if (counted) {
            throw new IllegalStateException("already counted");
        }
        if (size * 2 == chunk.length) {
            spill();
        }
        chunk[2 * size] = HexFormat.fromHexDigitsToLong(messageId, 0, 16);
        chunk[2 * size + 1] = HexFormat.fromHexDigitsToLong(messageId, 16, 32);
        size++;
    }

    /** The number of distinct ids added; ends the counter (no more adds). */
    public long count() {
        counted = true;
        if (runs.isEmpty()) {
            sort(chunk, 0, size - 1);
            long distinct = 0;
            for (int i = 0; i < size; i++) {
                if (i == 0 || compare(chunk, i, chunk[2 * (i - 1)], chunk[2 * (i - 1) + 1]) != 0) {
                    distinct++;
                }
            }
            return distinct;
        }
        spill();
        return mergeCount();
    }

    private void spill() {
        if (size == 0) {
            return;
        }
        sort(chunk, 0, size - 1);
        try {
            Path run = Files.createTempFile(spillDir, "launch-ids-", ".run");
            runs.add(run);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
                for (int i = 0; i < size; i++) {
                    if (i > 0 && compare(chunk, i, chunk[2 * (i - 1)], chunk[2 * (i - 1) + 1]) == 0) {
                        continue;
                    }
                    out.writeLong(chunk[2 * i]);
                    out.writeLong(chunk[2 * i + 1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill launch message ids to " + spillDir
                    + " (counting distinct recipients needs 16 bytes of temporary disk per recipient)", e);
        }
        size = 0;
    }

    private long mergeCount() {
        List<RunReader> readers = new ArrayList<>();
        try {
            PriorityQueue<RunReader> heads = new PriorityQueue<>((a, b) -> a.high != b.high
                    ? Long.compare(a.high, b.high) : Long.compare(a.low, b.low));
            for (Path run : runs) {
                RunReader r = new RunReader(run);
                readers.add(r);
                if (r.advance()) {
                    heads.add(r);
                }
            }
            long distinct = 0;
            boolean any = false;
            long lastHigh = 0;
            long lastLow = 0;
            while (!heads.isEmpty()) {
                RunReader r = heads.poll();
                if (!any || r.high != lastHigh || r.low != lastLow) {
                    distinct++;
                    any = true;
                    lastHigh = r.high;
                    lastLow = r.low;
                }
                if (r.advance()) {
                    heads.add(r);
                }
            }
            return distinct;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spilled launch message ids in " + spillDir, e);
        } finally {
            for (RunReader r : readers) {
                r.closeQuietly();
            }
        }
    }

    private static final class RunReader {
        private final DataInputStream in;
        long high;
        long low;

        RunReader(Path run) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
        }

        boolean advance() throws IOException {
            try {
                high = in.readLong();
            } catch (EOFException end) {
                return false;
            }
            low = in.readLong();
            return true;
        }

        void closeQuietly() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only temporary file, deleted on close of the counter
            }
        }
    }

    /** Deletes the spill files. */
    @Override
    public void close() {
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException ignored) {
                // a temporary file in the spill directory; nothing else depends on it
            }
        }
        runs.clear();
    }

    private static int compare(long[] a, int i, long high, long low) {
        int c = Long.compare(a[2 * i], high);
        return c != 0 ? c : Long.compare(a[2 * i + 1], low);
    }

    /** Quicksort of the (high, low) pairs {@code from..to} (inclusive); ids are random, so middle pivots do well. */
    private static void sort(long[] a, int from, int to) {
        while (to - from > 16) {
            int mid = (from + to) >>> 1;
            long ph = a[2 * mid];
            long pl = a[2 * mid + 1];
            int i = from;
            int j = to;
            while (i <= j) {
                while (compare(a, i, ph, pl) < 0) {
                    i++;
                }
                while (compare(a, j, ph, pl) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            // recurse into the smaller side, loop on the larger: stack depth stays logarithmic
            if (j - from < to - i) {
                sort(a, from, j);
                from = i;
            } else {
                sort(a, i, to);
                to = j;
            }
        }
        for (int i = from + 1; i <= to; i++) {
            for (int j = i; j > from && compare(a, j, a[2 * (j - 1)], a[2 * (j - 1) + 1]) < 0; j--) {
                swap(a, j, j - 1);
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long h = a[2 * i];
        long l = a[2 * i + 1];
        a[2 * i] = a[2 * j];
        a[2 * i + 1] = a[2 * j + 1];
        a[2 * j] = h;
        a[2 * j + 1] = l;
    }
}
