package io.mailstream.dispatcher.suppress;

import io.mailstream.dispatcher.InvalidConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The dispatcher's suppression store.
 *
 * @param stateDir          {@code suppressions.state-dir}: directory of the local store (RocksDB), one per
 *                          dispatcher process, kept across restarts so a restart reads only what changed;
 *                          empty = a temporary directory, rebuilt from {@code mail.suppressions} at every start
 * @param unsubscribeScope  {@code suppressions.unsubscribe-scope}: whether an unsubscribe blocks only its own
 *                          list ({@link UnsubscribeScope#LIST}, the default) or all campaign mail
 */
public record SuppressionStoreSettings(Optional<Path> stateDir, UnsubscribeScope unsubscribeScope) {
    public SuppressionStoreSettings {
        if (stateDir == null) {
            throw new InvalidConfigException("suppressions.state-dir", "must be Optional.empty() for a temporary directory, not null");
        }
        if (unsubscribeScope == null) {
            throw new InvalidConfigException("suppressions.unsubscribe-scope", "must be LIST or GLOBAL, was null");
        }
    }

    public static SuppressionStoreSettings defaults() {
        return new SuppressionStoreSettings(Optional.empty(), UnsubscribeScope.LIST);
    }

    public RocksSuppressionStore open(Clock clock) {
        return stateDir.map(d -> RocksSuppressionStore.open(d, unsubscribeScope, clock))
                .orElseGet(() -> RocksSuppressionStore.openTemporary(unsubscribeScope, clock));
    }
}
