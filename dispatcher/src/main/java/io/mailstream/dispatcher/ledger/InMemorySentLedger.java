package io.mailstream.dispatcher.ledger;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SentLedger} on the heap: for unit tests and short-lived tools. It forgets entries past
 * the horizon, but otherwise holds one entry per message id; a dispatcher uses {@link RocksSentLedger}.
 */
public final class InMemorySentLedger implements SentLedger {
    private final Map<String, LedgerEntry> entries = new ConcurrentHashMap<>();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration horizon;

    public InMemorySentLedger(Clock clock, Duration horizon) {
        this.clock = clock;
        this.horizon = horizon;
    }

    @Override
    public boolean covers(String messageId, int attempt) {
        LedgerEntry e = entries.get(messageId);
        if (e == null) {
            return false;
        }
        if (e.at().isBefore(clock.instant().minus(horizon))) {
            entries.remove(messageId, e);
            return false;
        }
        return e.covers(attempt);
    }

    @Override
    public void record(Outcome outcome) {
        entries.merge(outcome.messageId(), outcome.entry(), LedgerEntry::merge);
    }

    @Override
    public synchronized void apply(Collection<Outcome> outcomes, Map<Integer, Long> positions) {
        outcomes.forEach(this::record);
        this.positions.putAll(positions);
    }

    @Override
    public Map<Integer, Long> positions() {
        return Map.copyOf(positions);
    }

    @Override
    public void close() {
    }
}
