package io.mailstream.dispatcher.ledger;

import io.mailstream.testkit.MutableClock;
import java.time.Duration;

class InMemorySentLedgerTest extends SentLedgerContract {
    @Override
    protected SentLedger open(MutableClock clock, Duration horizon) {
        return new InMemorySentLedger(clock, horizon);
    }
}
