package io.mailstream.dispatcher.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.queue.Admission;
import io.mailstream.dispatcher.warmup.InMemoryWarmupCounters;
import io.mailstream.dispatcher.warmup.ScheduledWarmup;
import io.mailstream.dispatcher.warmup.WarmupDay;
import io.mailstream.dispatcher.warmup.WarmupSchedule;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.testkit.MutableClock;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Per-address warm-up in the pool {@code default} of a warm IP (127.0.0.1, no schedule) and a new one
 * (127.0.0.2, day 1 allows 4): each message is pinned to the address whose budget it took; with
 * {@code overflow} the new IP's mail goes from the warm one once its 4 are used instead of waiting.
 */
class AddressWarmupPacingTest {
    private static final String WARM = "127.0.0.1";
    private static final String NEW = "127.0.0.2";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

    private Pacing pacing(boolean overflow) {
        WarmupSchedule newIp = new WarmupSchedule("new-ip", "default", Optional.empty(), LocalDate.of(2026, 12, 1),
                List.of(new WarmupDay(1, 4, 1000)), Optional.of(NEW), overflow);
        ScheduledWarmup warmup = new ScheduledWarmup(List.of(newIp), 1, new InMemoryWarmupCounters());
        return new Pacing(TrafficPolicies.defaultsOnly(), DomainShards.NONE, PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS,
                warmup, Pacing.DEFAULT_MAX_WAIT_IN_MEMORY, AdaptiveStateStore.inMemory(), 0,
                pool -> pool.equals("default") ? List.of(WARM, NEW) : List.of(), clock);
    }

    /** Admits 20 campaign messages to 20 domains; @return how many left from each address, and "waits" for those refused */
    private static Map<String, Integer> admitTwenty(Pacing pacing) {
        Map<String, Integer> by = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            PacedMessage m = new PacedMessage("customer" + i + ".example", Optional.of("spring-sale"), 0);
            Object token = new Object();
            Admission a = pacing.admit(m, token);
            if (a instanceof Admission.Admitted) {
                String from = pacing.pinnedSource(token).map(InetAddress::getHostAddress).orElse("unpinned");
                by.merge(from, 1, Integer::sum);
                pacing.release(token);
                assertThat(pacing.pinnedSource(token)).as("a pin lasts until the message is released").isEmpty();
            } else {
                assertThat(a).as("tomorrow's budget: parked in Kafka, not memory").isInstanceOf(Admission.Overflow.class);
                by.merge("waits", 1, Integer::sum);
            }
        }
        return by;
    }

    @Test
    void withOverflowTheNewIpsMailShouldLeaveFromTheWarmIpOnceItsBudgetIsUsedAndNoneWait() {
        assertThat(admitTwenty(pacing(true))).containsExactlyInAnyOrderEntriesOf(Map.of(NEW, 4, WARM, 16));
    }

    @Test
    void withoutOverflowTheNewIpsTurnShouldWaitForItsBudgetAndTheWarmIpKeepItsOwnTurn() {
        // turns alternate: 10 to the warm IP, 10 to the new one, of which 4 fit its day
        assertThat(admitTwenty(pacing(false))).containsExactlyInAnyOrderEntriesOf(Map.of(WARM, 10, NEW, 4, "waits", 6));
    }

    @Test
    void aPoolWithoutPerAddressSchedulesShouldPinNothing() {
        WarmupSchedule wholePool = new WarmupSchedule("pool", "default", Optional.empty(), LocalDate.of(2026, 12, 1),
                List.of(new WarmupDay(1, 100, 100)));
        Pacing pacing = new Pacing(TrafficPolicies.defaultsOnly(), DomainShards.NONE, PoolNames.DEFAULT_ONLY,
                AdaptiveSettings.DEFAULTS, new ScheduledWarmup(List.of(wholePool), 1, new InMemoryWarmupCounters()),
                Pacing.DEFAULT_MAX_WAIT_IN_MEMORY, AdaptiveStateStore.inMemory(), 0, pool -> List.of(WARM, NEW), clock);
        assertThat(admitTwenty(pacing)).containsExactlyInAnyOrderEntriesOf(Map.of("unpinned", 20));
    }
}
