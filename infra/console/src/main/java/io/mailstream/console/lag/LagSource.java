package io.mailstream.console.lag;

import java.util.List;

/**
 * Where the console's lag page reads from. The launcher supplies the same reader {@code mailstream lag}
 * uses, joined with {@link PartitionOwners}; tests and the bench can supply their own.
 */
@FunctionalInterface
public interface LagSource {
    /** Every (group, topic, partition) row now, or throws when the cluster cannot be asked. */
    List<LagRow> read();
}
