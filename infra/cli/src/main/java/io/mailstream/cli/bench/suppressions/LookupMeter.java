package io.mailstream.cli.bench.suppressions;

import io.mailstream.avro.MessageKind;
import io.mailstream.dispatcher.suppress.SuppressionStore;
import io.mailstream.schemas.address.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Times {@link SuppressionStore#find} as the dispatcher calls it (campaign mail of one list), on
 * {@code threads} threads at once, over a sample of addresses drawn at random: half suppressed,
 * half never seen. Counts the hits so a store that answered wrongly cannot look fast.
 */
final class LookupMeter {
    /**
     * @param cpuSeconds CPU time the lookups threads used: on a loaded machine, wall time also counts the others' work
     * @param suppressedPerCpuSecond one thread asking only for suppressed addresses (a RocksDB read each)
     * @param notSuppressedPerCpuSecond one thread asking only for addresses never suppressed (most answered on the heap)
     */
    record Result(long lookups, long hits, long expectedHits, double seconds, double cpuSeconds,
                  double suppressedPerCpuSecond, double notSuppressedPerCpuSecond) {
        double perSecond() {
            return lookups / seconds;
        }

        double perCpuSecond() {
            return lookups / cpuSeconds;
        }
    }

    private LookupMeter() {
    }

    static Result measure(SuppressionStore store, long suppressed, int sample, int rounds, int threads)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(42);
        EmailAddress[] addresses = new EmailAddress[sample];
        long expectedPerRound = 0;
        for (int i = 0; i < sample; i++) {
            boolean hit = (i & 1) == 0;
            long n = hit ? random.nextLong(suppressed) : suppressed + random.nextLong(suppressed);
            addresses[i] = EmailAddress.parse(BenchAddresses.address(n));
            // unsubscribes are from list(n); the lookups are for list0 mail, so only an unsubscribe from list0 blocks
            if (hit && (n % 10 < 7 || n % 10 == 9 || BenchAddresses.list(n).equals("list0"))) {
                expectedPerRound++;
            }
        }
        Optional<String> list = Optional.of("list0");
        LongAdder hits = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        Runnable work = () -> {
            long cpu0 = cpu.getCurrentThreadCpuTime();
            long h = 0;
            for (int r = 0; r < rounds; r++) {
                for (EmailAddress a : addresses) {
                    if (store.find(a, MessageKind.CAMPAIGN, list).isPresent()) {
                        h++;
                    }
                }
            }
            hits.add(h);
            cpuNanos.add(cpu.getCurrentThreadCpuTime() - cpu0);
        };
        work.run(); // warm-up: compiled code and the block cache, as in a dispatcher that has run for a while
        hits.reset();
        cpuNanos.reset();
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("bench-lookups-" + t).start(work));
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long lookups = (long) sample * rounds * threads;
        EmailAddress[] suppressedOnes = new EmailAddress[(sample + 1) / 2];
        EmailAddress[] others = new EmailAddress[sample / 2];
        for (int i = 0; i < sample; i++) {
            if ((i & 1) == 0) {
                suppressedOnes[i / 2] = addresses[i];
            } else {
                others[i / 2] = addresses[i];
            }
        }
        long[] suppressedRun = oneThread(store, suppressedOnes, rounds, list);
        long[] otherRun = oneThread(store, others, rounds, list);
        if (otherRun[0] != 0) {
            throw new IllegalStateException("the store answered " + otherRun[0] + " never-suppressed addresses as suppressed");
        }
        return new Result(lookups, hits.sum(), expectedPerRound * rounds * threads, seconds, cpuNanos.sum() / 1e9,
                (double) suppressedOnes.length * rounds / (suppressedRun[1] / 1e9),
                (double) others.length * rounds / (otherRun[1] / 1e9));
    }

    /** Hits and CPU nanoseconds of one thread asking for each of {@code addresses} {@code rounds} times. */
    private static long[] oneThread(SuppressionStore store, EmailAddress[] addresses, int rounds, Optional<String> list) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        long h = 0;
        for (int r = 0; r < rounds; r++) {
            for (EmailAddress a : addresses) {
                if (store.find(a, MessageKind.CAMPAIGN, list).isPresent()) {
                    h++;
                }
            }
        }
        return new long[] {h, Math.max(1, cpu.getCurrentThreadCpuTime() - cpu0)};
    }
}
