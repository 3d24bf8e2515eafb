package io.mailstream.dispatcher.consume;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The message ids being delivered right now, so that two records of one id (a relaunch or an API
 * retry read while the first copy is still in its SMTP transaction) are never in flight together:
 * the second waits until the first's outcome is acknowledged (and so in the sent-ledger) or given
 * up, then checks the ledger. Rare by nature; the common path is one {@code putIfAbsent} and one
 * {@code remove} on a concurrent map, with no lock shared by all workers.
 */
final class InFlightMessages {
    private final ConcurrentHashMap<String, CountDownLatch> claims = new ConcurrentHashMap<>();

    /** One claim on one message id; {@link #release()} is idempotent and may run on any thread. */
    final class Claim {
        private final String messageId;
        private final CountDownLatch latch;

        private Claim(String messageId, CountDownLatch latch) {
            this.messageId = messageId;
            this.latch = latch;
        }

        void release() {
            claims.remove(messageId, latch);
            latch.countDown();
        }
    }

    /**
     * Claims {@code messageId}, waiting while another worker holds it, for at most {@code maxWait} in
     * all (then the claim is taken anyway: the holder is stuck beyond any SMTP timeout).
     */
    Claim claim(String messageId, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        CountDownLatch mine = new CountDownLatch(1);
        while (true) {
            CountDownLatch held = claims.putIfAbsent(messageId, mine);
            if (held == null) {
                return new Claim(messageId, mine);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !held.await(left, TimeUnit.NANOSECONDS)) {
                claims.put(messageId, mine);
                return new Claim(messageId, mine);
            }
        }
    }

    int size() {
        return claims.size();
    }
}
