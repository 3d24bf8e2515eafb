package io.mailstream.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * CPU time of this process and of its JIT compiler threads, and peak heap, between {@link #start()}
 * and {@link #stop()}.
 */
final class ProcessMeter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;
    private long jitCpuStart;
    private long cpuNanos;
    private long wallNanos;
    private long jitCpuNanos;

    void start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
        jitCpuStart = CompilerCpu.nanosSoFar();
    }

    void stop() {
        cpuNanos = os.getProcessCpuTime() - cpuStart;
        wallNanos = System.nanoTime() - wallStart;
        jitCpuNanos = CompilerCpu.nanosSoFar() - jitCpuStart;
    }

    /**
     * CPU seconds of the JIT compiler threads while the meter ran (0 off Linux): a measurement
     * that still compiles a lot did not run at its steady state.
     */
    double jitCpuSeconds() {
        return jitCpuNanos / 1e9;
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
