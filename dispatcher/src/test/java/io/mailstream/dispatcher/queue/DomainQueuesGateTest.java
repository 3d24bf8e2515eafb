package io.mailstream.dispatcher.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DomainQueuesGateTest {
    private record Item(String key, int n) {
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final DomainQueues<Item> queues = new DomainQueues<>(Item::key, i -> false, 2);

    /** Lets "slow.example" through once per second; everything else at once. */
    private final class OnePerSecondFor implements LaneGate<Item> {
        final Set<Item> released = ConcurrentHashMap.newKeySet();
        Instant next = Instant.MIN;

        @Override
        public synchronized Admission admit(Item head) {
            if (!head.key().equals("slow.example")) {
                return Admission.ADMITTED;
            }
            Instant now = clock.instant();
            if (now.isBefore(next)) {
                return new Admission.NotBefore(next);
            }
            next = now.plusSeconds(1);
            return Admission.ADMITTED;
        }

        @Override
        public void release(Item item) {
            released.add(item);
        }
    }

    @Test
    void throttledDomainShouldNotDelayAnUnthrottledOneSharingItsQueues() throws Exception {
        OnePerSecondFor gate = new OnePerSecondFor();
        queues.useGate(gate, clock);
        for (int i = 0; i < 5; i++) {
            queues.offer(new Item("slow.example", i));
        }
        for (int i = 0; i < 50; i++) {
            queues.offer(new Item("fast.example", i));
        }

        List<Item> served = new ArrayList<>();
        Item item;
        while ((item = queues.take(Duration.ofMillis(50))) != null) {
            served.add(item);
            queues.done(item);
        }

        // without moving the clock: all fast mail, one slow message, and nobody waiting for the rest
        assertThat(served).filteredOn(i -> i.key().equals("fast.example")).hasSize(50);
        assertThat(served).filteredOn(i -> i.key().equals("slow.example")).containsExactly(new Item("slow.example", 0));
        assertThat(queues.size()).isEqualTo(4);
        assertThat(gate.released).hasSize(51);

        clock.advance(Duration.ofSeconds(1));
        queues.recheck();
        assertThat(queues.take(Duration.ofMillis(50))).isEqualTo(new Item("slow.example", 1));
        assertThat(queues.take(Duration.ofMillis(50))).isNull();
    }

    @Test
    void parkedLaneShouldStillTakeNewItemsAndServeThemInOrder() throws Exception {
        queues.useGate(new OnePerSecondFor(), clock);
        queues.offer(new Item("slow.example", 0));
        Item first = queues.take(Duration.ofMillis(10));
        queues.done(first);
        queues.offer(new Item("slow.example", 1));
        queues.offer(new Item("slow.example", 2));
        assertThat(queues.take(Duration.ofMillis(20))).isNull();

        clock.advance(Duration.ofSeconds(1));
        assertThat(queues.take(Duration.ofMillis(20))).isEqualTo(new Item("slow.example", 1));
    }

    @Test
    void busyLaneShouldWaitUntilAnItemIsDone() throws Exception {
        int[] inFlight = {0};
        queues.useGate(new LaneGate<>() {
            @Override
            public synchronized Admission admit(Item head) {
                if (inFlight[0] >= 1) {
                    return Admission.BUSY;
                }
                inFlight[0]++;
                return Admission.ADMITTED;
            }

            @Override
            public synchronized void release(Item item) {
                inFlight[0]--;
            }
        }, clock);
        queues.offer(new Item("a.example", 0));
        queues.offer(new Item("a.example", 1));

        Item first = queues.take(Duration.ofMillis(10));
        assertThat(queues.take(Duration.ofMillis(20))).isNull();
        queues.done(first);
        assertThat(queues.take(Duration.ofMillis(20))).isEqualTo(new Item("a.example", 1));
    }

    @Test
    void laneFoundBusyWhileItsLastItemFinishesShouldNotWaitForever() throws Exception {
        // The gate is asked without the lock: the slot it found taken may be given back before the
        // lane is marked blocked. Nothing else is in flight then, so no later done() would wake it.
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        queues.useGate(new LaneGate<>() {
            @Override
            public Admission admit(Item head) {
                if (inFlight.get() >= 1) {
                    asking.countDown();
                    await(released);
                    return Admission.BUSY;
                }
                inFlight.incrementAndGet();
                return Admission.ADMITTED;
            }

            @Override
            public void release(Item item) {
                inFlight.decrementAndGet();
            }
        }, clock);
        queues.offer(new Item("a.example", 0));
        queues.offer(new Item("a.example", 1));
        Item first = queues.take(Duration.ofMillis(10));

        CompletableFuture<Item> second = CompletableFuture.supplyAsync(() -> takeWithin(Duration.ofSeconds(5)));
        assertThat(asking.await(5, TimeUnit.SECONDS)).isTrue();
        queues.done(first);
        released.countDown();

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(new Item("a.example", 1));
    }

    private Item takeWithin(Duration timeout) {
        try {
            return queues.take(timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the gate");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void overflowingItemShouldBeHandedOutMarkedWithItsReopeningTime() throws Exception {
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1));
        queues.useGate(new LaneGate<>() {
            @Override
            public Admission admit(Item head) {
                return new Admission.Overflow(tomorrow);
            }

            @Override
            public void release(Item item) {
            }
        }, clock);
        queues.offer(new Item("a.example", 0));
        queues.offer(new Item("b.example", 0));

        Item first = queues.take(Duration.ofMillis(10));
        assertThat(queues.overflowUntil(first)).contains(tomorrow);
        assertThat(queues.overflowUntil(first)).isEmpty();
        queues.done(first);
        Item second = queues.take(Duration.ofMillis(10));
        assertThat(second).isNotEqualTo(first);
        assertThat(queues.overflowUntil(second)).contains(tomorrow);
    }

    @Test
    void itemRemovedWhileItsLaneWasParkedShouldNotBeHandedOut() throws Exception {
        queues.useGate(new OnePerSecondFor(), clock);
        queues.offer(new Item("slow.example", 0));
        queues.offer(new Item("slow.example", 1));
        queues.done(queues.take(Duration.ofMillis(10)));
        assertThat(queues.take(Duration.ofMillis(10))).isNull();

        assertThat(queues.removeIf(i -> true)).containsExactly(new Item("slow.example", 1));
        clock.advance(Duration.ofSeconds(2));
        assertThat(queues.take(Duration.ofMillis(20))).isNull();
        assertThat(queues.size()).isZero();
    }
}
