package io.mailstream.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailstream bench}: throughput benchmarks on the embedded stack; one subcommand per stage. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on the embedded stack (see docs/benchmarks.md).")
public final class BenchGroup implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
