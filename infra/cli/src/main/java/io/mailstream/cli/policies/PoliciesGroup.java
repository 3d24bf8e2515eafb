package io.mailstream.cli.policies;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailstream policies}: the fleet-wide part of the traffic policies (the shard map). */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "Publish and show the fleet's shard map (one source of shard counts for launch, API and dispatchers).")
public final class PoliciesGroup implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
