package io.mailstream.dispatcher.sending;

import io.mailstream.dispatcher.render.RenderedMessage;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Picks the source address of a message's connection: its sending pool ({@link SendingPools}),
 * then the address pacing pinned for it ({@link PinnedSource}: per-address warm-up), or else one of
 * the pool's addresses for the destination, in turn or by fewest open connections.
 * Thread-safe.
 */
public final class SourceAddresses {
    private static final int MAX_TRACKED_DESTINATIONS = 100_000;

    private final SendingPools pools;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    public SourceAddresses(SendingPools pools) {
        this.pools = pools;
    }

    /**
     * @param destination         the destination host, so that each one sees the pool's addresses in turn
     * @param openConnectionsFrom open connections to that destination from a given source, for {@link SourceSelection#LEAST_USED}
     * @return empty when no sending pools are configured
     */
    public Optional<InetAddress> pick(RenderedMessage message, String destination, ToIntFunction<InetAddress> openConnectionsFrom) {
        if (pools.pools().isEmpty()) {
            return Optional.empty();
        }
        Optional<SendingPool> pool = pools.poolFor(message.campaignId());
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        List<InetAddress> addresses = pool.get().addresses();
        if (PinnedSource.CURRENT.isBound() && addresses.contains(PinnedSource.CURRENT.get())) {
            return Optional.of(PinnedSource.CURRENT.get()); // it took that address's warm-up budget
        }
        if (addresses.size() == 1) {
            return Optional.of(addresses.get(0));
        }
        if (pool.get().selection() == SourceSelection.LEAST_USED) {
            InetAddress best = addresses.get(0);
            int fewest = Integer.MAX_VALUE;
            for (InetAddress a : addresses) {
                int open = openConnectionsFrom.applyAsInt(a);
                if (open < fewest) {
                    best = a;
                    fewest = open;
                }
            }
            return Optional.of(best);
        }
        if (turns.size() > MAX_TRACKED_DESTINATIONS) {
            turns.clear(); // direct MX delivery meets many hosts; an even spread does not need old counters
        }
        int turn = turns.computeIfAbsent(pool.get().name() + "|" + destination, k -> new AtomicInteger()).getAndIncrement();
        return Optional.of(addresses.get(Math.floorMod(turn, addresses.size())));
    }
}
