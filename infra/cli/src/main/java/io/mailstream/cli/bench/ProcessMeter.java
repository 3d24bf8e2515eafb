package io.mailstream.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** CPU time of this process and peak heap, between {@link #start()} and {@link #stop()}. */
final class ProcessMeter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;
    private long cpuNanos;
    private long wallNanos;

    void start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    void stop() {
        cpuNanos = os.getProcessCpuTime() - cpuStart;
        wallNanos = System.nanoTime() - wallStart;
    }

    double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** Sum of the heap pools' peaks since start (an upper bound of the true peak). */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
