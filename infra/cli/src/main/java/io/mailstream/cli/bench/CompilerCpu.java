package io.mailstream.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time the JVM's JIT compiler threads have used so far, read from {@code /proc/self/task} on
 * Linux (0 elsewhere). The JVM's own compilation time is wall time per compilation, which grows
 * while a starved compiler thread waits for a core, so it cannot say how much CPU the JIT took.
 */
final class CompilerCpu {
    /** USER_HZ, the unit of the times in {@code /proc/<pid>/task/<tid>/stat} (fixed at 100 by the Linux ABI). */
    private static final long TICKS_PER_SECOND = 100;
    private static final Path TASKS = Path.of("/proc/self/task");

    private CompilerCpu() {
    }

    static long nanosSoFar() {
        if (!Files.isDirectory(TASKS)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                ticks += compilerTicks(task);
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private static long compilerTicks(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).trim();
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the ")" closing the thread name: utime and stime are the 12th and 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            // The thread ended meanwhile, or the format is not the one expected: count nothing for it.
            return 0;
        }
    }
}
