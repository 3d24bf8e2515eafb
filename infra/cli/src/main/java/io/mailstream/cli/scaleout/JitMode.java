package io.mailstream.cli.scaleout;

import java.util.List;

/** How the JVMs a run starts compile their code. */
public enum JitMode {
    /** The JVM's default tiered compilation: what a benchmark measures is the rate a warmed-up service reaches. */
    PEAK(List.of()),
    /**
     * The C1 compiler only. For runs that judge correctness, not rate, on a small machine: a scale-out
     * run starts a dozen JVMs that live a minute or less, and on 2 cores their C2 compiles cost about a
     * fifth of the run's CPU (ScaleOutIT: 125 CPU seconds against 155), time the run then waits for.
     */
    QUICK_START(List.of("-XX:TieredStopAtLevel=1"));

    private final List<String> options;

    JitMode(List<String> options) {
        this.options = options;
    }

    /** The JVM options that select it. */
    public List<String> options() {
        return options;
    }
}
