package io.mailstream.bounces.receive;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts, per client IP, the open sessions and the mail transactions of the current window
 * ({@link ClientLimits}). Thread-safe; time comes from the injected clock. An IP's entry is
 * dropped once it has no session open and its window is over, so the map holds only active clients.
 */
final class ClientLimiter {
    private final ClientLimits limits;
    private final Clock clock;
    /** Entries of clients that left before their window ended are swept this often (connections). */
    static final int SWEEP_EVERY = 1024;

    private final Map<String, State> clients = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong connects = new java.util.concurrent.atomic.AtomicLong();

    ClientLimiter(ClientLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Opens a session for {@code ip}, or false (nothing counted) when it already has {@code maxConnections}. */
    boolean tryConnect(String ip) {
        if (connects.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        boolean[] ok = new boolean[1];
        clients.compute(ip, (k, s) -> {
            State st = s == null ? new State() : s;
            ok[0] = st.connections < limits.maxConnections();
            if (ok[0]) {
                st.connections++;
            }
            return st.connections == 0 && st.windowOver(now(), limits) ? null : st;
        });
        return ok[0];
    }

    /** A session of {@code ip} that {@link #tryConnect} let in has ended. */
    void disconnected(String ip) {
        clients.computeIfPresent(ip, (k, st) -> {
            st.connections = Math.max(0, st.connections - 1);
            return st.connections == 0 && st.windowOver(now(), limits) ? null : st;
        });
    }

    /** Counts a mail transaction of {@code ip}, or false when its window already holds {@code maxMessages}. */
    boolean tryMessage(String ip) {
        boolean[] ok = new boolean[1];
        long now = now();
        clients.compute(ip, (k, s) -> {
            State st = s == null ? new State() : s;
            if (st.windowOver(now, limits)) {
                st.windowStart = now;
                st.messages = 0;
            }
            ok[0] = st.messages < limits.maxMessages();
            if (ok[0]) {
                st.messages++;
            }
            return st;
        });
        return ok[0];
    }

    /** Drops the entries of clients with no session open whose window is over (they left before it ended). */
    void sweep() {
        long now = now();
        for (String ip : clients.keySet()) {
            clients.computeIfPresent(ip, (k, st) -> st.connections == 0 && st.windowOver(now, limits) ? null : st);
        }
    }

    /** Clients with state held (open sessions or a running window); for tests. */
    int trackedClients() {
        return clients.size();
    }

    private long now() {
        return clock.millis();
    }

    /** Mutated only inside the map's compute functions, which serialise access per key. */
    private static final class State {
        int connections;
        int messages;
        long windowStart = Long.MIN_VALUE;

        boolean windowOver(long now, ClientLimits limits) {
            return windowStart == Long.MIN_VALUE || now - windowStart >= limits.window().toMillis();
        }
    }
}
