package io.mailstream.dispatcher.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainQueuesTest {
    private record Item(String key, int n, boolean urgent) {
    }

    private final DomainQueues<Item> queues = new DomainQueues<>(Item::key, Item::urgent, 1);

    private Item take() throws InterruptedException {
        return queues.take(Duration.ZERO);
    }

    @Test
    void aBusyKeyShouldNotBeServedAgainWhileOtherKeysWait() throws Exception {
        for (int i = 0; i < 3; i++) {
            queues.offer(new Item("slow.example", i, false));
        }
        queues.offer(new Item("fast.example", 0, false));
        queues.offer(new Item("fast.example", 1, false));

        Item slow = take();
        Item fast = take();

        assertThat(slow.key()).isEqualTo("slow.example");
        assertThat(fast.key()).isEqualTo("fast.example");
        assertThat(take()).as("both keys are at their concurrency limit").isNull();
        queues.done(fast);
        assertThat(take()).isEqualTo(new Item("fast.example", 1, false));
    }

    @Test
    void keysShouldBeServedRoundRobinInArrivalOrderWithinAKey() throws Exception {
        DomainQueues<Item> wide = new DomainQueues<>(Item::key, Item::urgent, 10);
        for (int i = 0; i < 3; i++) {
            wide.offer(new Item("a", i, false));
            wide.offer(new Item("b", i, false));
        }
        wide.offer(new Item("a", 3, false));
        List<String> order = new ArrayList<>();
        Item it;
        while ((it = wide.take(Duration.ZERO)) != null) {
            order.add(it.key() + it.n());
        }
        assertThat(order).containsExactly("a0", "b0", "a1", "b1", "a2", "b2", "a3");
    }

    private record Prioritised(String key, int priority, boolean urgent) {
    }

    @Test
    void higherPriorityItemsShouldOvertakeABacklogAndUrgentOnesGoFirstOfAll() throws Exception {
        DomainQueues<Prioritised> q = new DomainQueues<>(Prioritised::key, Prioritised::urgent, Prioritised::priority, 10);
        for (int i = 0; i < 3; i++) {
            q.offer(new Prioritised("newsletter.example", 0, false));
        }
        q.offer(new Prioritised("newsletter.example", 5, false));
        q.offer(new Prioritised("other.example", 1000, false)); // clamped, still above 5
        q.offer(new Prioritised("tx.example", -3, true));

        List<String> order = new ArrayList<>();
        Prioritised it;
        while ((it = q.take(Duration.ZERO)) != null) {
            order.add(it.key() + "/" + it.priority());
        }

        assertThat(order).containsExactly("tx.example/-3", "other.example/1000", "newsletter.example/5",
                "newsletter.example/0", "newsletter.example/0", "newsletter.example/0");
    }

    @Test
    void aReservedWorkerShouldTakeUrgentItemsOnlyAndBeWokenForThem() throws Exception {
        queues.offer(new Item("campaign.example", 0, false));

        assertThat(queues.take(Duration.ZERO, true)).as("campaign mail never occupies the reserve").isNull();

        java.util.concurrent.CompletableFuture<Item> reserved = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return queues.take(Duration.ofSeconds(30), true);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queues.offer(new Item("tx.example", 1, true));

        assertThat(reserved.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(new Item("tx.example", 1, true));
        assertThat(take()).isEqualTo(new Item("campaign.example", 0, false));
    }

    @Test
    void urgentItemsShouldBeServedBeforeOthers() throws Exception {
        queues.offer(new Item("a", 0, false));
        queues.offer(new Item("b", 0, true));

        assertThat(take().key()).isEqualTo("b");
        assertThat(take().key()).isEqualTo("a");
    }

    @Test
    void removedItemsShouldNeverBeTaken() throws Exception {
        queues.offer(new Item("a", 0, false));
        queues.offer(new Item("a", 1, false));

        assertThat(queues.removeIf(i -> i.n() == 0)).hasSize(1);

        assertThat(queues.size()).isEqualTo(1);
        assertThat(take().n()).isEqualTo(1);
        assertThat(take()).isNull();
    }

    @Test
    void takeShouldReturnNullOnceClosed() throws Exception {
        queues.offer(new Item("a", 0, false));
        queues.close();

        assertThat(queues.take(Duration.ofSeconds(5))).isNull();
    }
}
