package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.sending.SendingPool;
import io.mailstream.dispatcher.sending.SendingPools;
import java.util.Optional;

/**
 * Which sending IP pool a message leaves from, by name, for per-pool budgets (warm-up, rate
 * limiters). It follows the connection side's choice ({@link SendingPools#poolFor}), so a budget is
 * spent on the addresses that really send; with no pools configured every message counts against
 * {@value SendingPools#DEFAULT} (they all share the host's addresses).
 */
@FunctionalInterface
public interface PoolNames {
    PoolNames DEFAULT_ONLY = campaignId -> SendingPools.DEFAULT;

    String poolOf(Optional<String> campaignId);

    static PoolNames of(SendingPools pools) {
        return campaignId -> pools.poolFor(campaignId).map(SendingPool::name).orElse(SendingPools.DEFAULT);
    }
}
