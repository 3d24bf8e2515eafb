package io.mailstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompilerCpuTest {
    @Test
    void shouldCountTheCpuTheJitCompilersHaveUsed() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc to read thread CPU times");
        // By the time a test runs, the JIT has compiled the test framework for a good many milliseconds.
        long before = CompilerCpu.nanosSoFar();
        assertThat(before).isPositive();
        assertThat(CompilerCpu.nanosSoFar()).isGreaterThanOrEqualTo(before);
    }
}
