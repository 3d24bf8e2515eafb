package io.mailstream.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap use over a measured section, from the heap memory pools' peak usage
 * ({@link MemoryPoolMXBean#getPeakUsage}). The sum of the pools' peaks is an upper bound of the
 * real peak (pools peak at different moments), which is the safe side for a memory bound.
 */
final class HeapPeak {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();

    /** Starts a new measurement: the peaks become the current usage. */
    void reset() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peak usage since {@link #reset()}, in bytes. */
    long peakBytes() {
        return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** {@code -Xmx}: the most the heap may grow to, or -1 when unbounded. */
    static long maxHeapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** Heap in use now. */
    static long usedHeapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
