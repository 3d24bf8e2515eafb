package io.mailstream.dispatcher.ledger;

import io.mailstream.dispatcher.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The durable sent-ledger keyed by message id ({@link SentLedger}).
 *
 * @param horizon  {@code ledger.horizon}: how long a message id is remembered as sent (and so how long a relaunch or an
 *                 API retry of it sends nothing); at most the retention of {@code mail.delivery-events} (30 days) is useful
 * @param stateDir {@code ledger.state-dir}: where the local RocksDB store lives; one directory per dispatcher process.
 *                 Empty: a temporary directory, deleted at close, so every start reads the last {@code horizon} of
 *                 {@code mail.delivery-events} again (correct, but slow to start after a big month)
 */
public record SentLedgerSettings(Duration horizon, Optional<Path> stateDir) {
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(30);

    public SentLedgerSettings {
        if (horizon == null || horizon.compareTo(Duration.ofMinutes(1)) < 0 || horizon.compareTo(Duration.ofDays(365)) > 0) {
            throw new InvalidConfigException("ledger.horizon", "must be in [1m, 365d], was " + horizon);
        }
        if (stateDir == null) {
            throw new InvalidConfigException("ledger.state-dir", "must be Optional.empty() for a temporary directory, not null");
        }
    }

    public static SentLedgerSettings defaults() {
        return new SentLedgerSettings(DEFAULT_HORIZON, Optional.empty());
    }

    /** Opens the store these settings describe. */
    public RocksSentLedger open(java.time.Clock clock) {
        return stateDir.map(d -> RocksSentLedger.open(d, horizon, clock)).orElseGet(() -> RocksSentLedger.openTemporary(horizon, clock));
    }
}
