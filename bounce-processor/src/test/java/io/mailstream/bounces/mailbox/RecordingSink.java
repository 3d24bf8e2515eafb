package io.mailstream.bounces.mailbox;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.receive.RawBounceSink;
import io.mailstream.bounces.receive.RawBounceSinkException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink that keeps what it acknowledged and refuses, like an unreachable Kafka, once {@link #failAfter} acknowledgements are spent. */
final class RecordingSink implements RawBounceSink {
    record Stored(String key, RawBounce bounce) {
    }

    final List<Stored> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger budget = new AtomicInteger(Integer.MAX_VALUE);

    /** Acknowledge {@code n} more, then refuse everything. */
    void failAfter(int n) {
        budget.set(n);
    }

    void recover() {
        budget.set(Integer.MAX_VALUE);
    }

    @Override
    public void store(String key, RawBounce bounce) {
        if (budget.getAndUpdate(b -> b == Integer.MAX_VALUE ? b : b - 1) <= 0) {
            throw new RawBounceSinkException("mail.bounces.raw", key, new java.util.concurrent.TimeoutException("test: Kafka down"));
        }
        stored.add(new Stored(key, bounce));
    }
}
