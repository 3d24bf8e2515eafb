package io.mailstream.dispatcher.tls.report;

import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.schemas.address.Domain;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Counts TLS session results per policy domain and UTC day (RFC 8460 §4.1: reports cover whole UTC
 * days) and turns a finished day into {@link TlsReport}s. Thread-safe; recording costs two map
 * lookups and an add. Held in memory: a running dispatcher {@link #drain()}s them to
 * {@code mail.tls-reports} now and then ({@code TlsCountsFlusher}), so a restart loses at most
 * what was counted since the last flush.
 */
public final class DailyTlsAggregates implements TlsResultSink {
    private record Key(Domain policyDomain, LocalDate day, ReportedPolicy policy) {
    }

    private record FailureKey(TlsResultType type, Optional<String> receivingMx, Optional<String> receivingIp) {
    }

    private static final class Counts {
        final LongAdder successes = new LongAdder();
        final Map<FailureKey, LongAdder> failures = new ConcurrentHashMap<>();
    }

    private final Clock clock;
    // Recording shares the read lock; draining takes the write lock, so no count lands in a map already drained.
    private final ReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile Map<Key, Counts> counts = new ConcurrentHashMap<>();

    public DailyTlsAggregates(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void record(TlsSessionResult r) {
        swap.readLock().lock();
        try {
            Counts c = counts.computeIfAbsent(new Key(r.policyDomain(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                    r.policy()), k -> new Counts());
            if (r.failure().isEmpty()) {
                c.successes.increment();
            } else {
                c.failures.computeIfAbsent(new FailureKey(r.failure().get(), r.receivingMx(), r.receivingIp()), k -> new LongAdder())
                        .increment();
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    /** Adds counts read back (from {@code mail.tls-reports}) or handed back (a flush that failed). */
    public void add(TlsDayCounts d) {
        swap.readLock().lock();
        try {
            Counts c = counts.computeIfAbsent(new Key(d.policyDomain(), d.day(), d.policy()), k -> new Counts());
            c.successes.add(d.successes());
            for (TlsReport.Failure f : d.failures()) {
                c.failures.computeIfAbsent(new FailureKey(f.type(), f.receivingMx(), f.receivingIp()), k -> new LongAdder())
                        .add(f.sessions());
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    /** Everything counted so far, removed: the next drain returns only what is counted after this one. */
    public List<TlsDayCounts> drain() {
        Map<Key, Counts> drained;
        swap.writeLock().lock();
        try {
            drained = counts;
            counts = new ConcurrentHashMap<>();
        } finally {
            swap.writeLock().unlock();
        }
        List<TlsDayCounts> out = new ArrayList<>();
        drained.forEach((k, c) -> out.add(new TlsDayCounts(k.policyDomain(), k.day(), k.policy(), c.successes.sum(), failures(c))));
        out.sort(Comparator.comparing((TlsDayCounts d) -> d.policyDomain().asString()).thenComparing(TlsDayCounts::day));
        return out;
    }

    private static List<TlsReport.Failure> failures(Counts c) {
        return c.failures.entrySet().stream()
                .map(e -> new TlsReport.Failure(e.getKey().type(), e.getKey().receivingMx(), e.getKey().receivingIp(), e.getValue().sum()))
                .sorted(Comparator.comparing((TlsReport.Failure f) -> f.type()).thenComparing(f -> f.receivingMx().orElse("")))
                .toList();
    }

    /** The reports of {@code day}, one per policy domain and policy, without removing them. */
    public List<TlsReport> reports(LocalDate day, String organization, String contact) {
        List<TlsReport> out = new ArrayList<>();
        counts.forEach((k, c) -> {
            if (!k.day().equals(day)) {
                return;
            }
            List<TlsReport.Failure> failures = failures(c);
            out.add(new TlsReport(organization, contact, day + "_" + k.policyDomain().asString() + "_" + UUID.randomUUID(), day,
                    k.policyDomain(), k.policy(), c.successes.sum(), failures));
        });
        out.sort(Comparator.comparing(r -> r.policyDomain().asString()));
        return out;
    }

    /** Forgets the counts of days before {@code day}, once their reports are sent. */
    public void forgetBefore(LocalDate day) {
        counts.keySet().removeIf(k -> k.day().isBefore(day));
    }
}
