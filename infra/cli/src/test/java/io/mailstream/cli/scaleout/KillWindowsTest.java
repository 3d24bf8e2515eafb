package io.mailstream.cli.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KillWindowsTest {
    private static final Instant KILL = Instant.parse("2026-12-03T12:00:10Z");
    private static final Map<String, String> IDS = Map.of("a@x.test", "m-a", "b@x.test", "m-b", "c@x.test", "m-c",
            "d@x.test", "m-d");

    private static SinkTransaction tx(String helo, String to, int startSecond, int endSecond, boolean accepted) {
        return new SinkTransaction(helo, "/127.0.0.1:5000", Instant.parse("2026-12-03T12:00:00Z").plusSeconds(startSecond),
                Instant.parse("2026-12-03T12:00:00Z").plusSeconds(endSecond),
                to == null ? List.of() : List.of(EmailAddress.parse(to)), accepted);
    }

    @Test
    void onlyTheKilledDispatchersTransactionsWithoutADurableOutcomeBeforeTheKillShouldCount() {
        List<SinkTransaction> log = List.of(
                tx("d1.test", "a@x.test", 1, 2, true),    // event written before the kill: durable, not open
                tx("d1.test", "b@x.test", 9, 9, true),    // accepted, but its event came after the kill: open
                tx("d1.test", null, 9, 11, false),        // dropped by the kill before RCPT: open
                tx("d1.test", null, 3, 4, false),         // ended before the kill with nothing accepted: not open
                tx("d2.test", "c@x.test", 9, 9, true),    // another dispatcher's: not this kill's
                tx("d1.test", "d@x.test", 11, 12, true)); // started after the kill (the restarted one): not open
        Map<String, Long> events = Map.of("m-a", KILL.toEpochMilli() - 5000, "m-b", KILL.toEpochMilli() + 3,
                "m-c", KILL.toEpochMilli() + 3);

        long open = KillWindows.inFlightAtKills(log, List.of(new KillWindows.Kill("d1.test", KILL)), IDS, events);

        assertThat(open).isEqualTo(2);
    }

    @Test
    void aDispatcherKilledTwiceShouldCountItsEarlierProcesssTransactionsAtTheFirstKillOnly() {
        // a's transaction was open at the first kill and a has no event at all: counted once, not again at the second kill.
        List<SinkTransaction> log = List.of(tx("d1.test", "a@x.test", 9, 9, true), tx("d1.test", "b@x.test", 19, 19, true));

        List<Long> open = KillWindows.perKill(log, List.of(new KillWindows.Kill("d1.test", KILL),
                new KillWindows.Kill("d1.test", KILL.plusSeconds(10))), IDS, Map.of());

        assertThat(open).containsExactly(1L, 1L);
    }

    @Test
    void eachKillShouldCountItsOwnOpenTransactions() {
        List<SinkTransaction> log = List.of(tx("d1.test", "a@x.test", 9, 9, true), tx("d2.test", "c@x.test", 19, 19, true));

        long open = KillWindows.inFlightAtKills(log, List.of(new KillWindows.Kill("d1.test", KILL),
                new KillWindows.Kill("d2.test", KILL.plusSeconds(10))), IDS, Map.of());

        assertThat(open).isEqualTo(2);
    }
}
