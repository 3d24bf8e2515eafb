package io.mailstream.cli.bench;

import picocli.CommandLine.Command;

/** {@code mailstream bench}: measurements of the pipeline on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks on the embedded stack.")
public final class BenchGroup {
}
