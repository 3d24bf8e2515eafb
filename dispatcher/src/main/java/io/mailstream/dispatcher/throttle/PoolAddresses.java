package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.sending.SendingPool;
import io.mailstream.dispatcher.sending.SendingPools;
import java.net.InetAddress;
import java.util.List;

/**
 * The source addresses of a sending pool, in configuration order, as IP literals ({@link InetAddress#getHostAddress()}):
 * what pacing chooses from when warm-up budgets are per address. Empty for an unknown pool or without pools.
 */
@FunctionalInterface
public interface PoolAddresses {
    PoolAddresses NONE = pool -> List.of();

    List<String> of(String pool);

    static PoolAddresses of(SendingPools pools) {
        return pool -> {
            SendingPool p = pools.pools().get(pool);
            return p == null ? List.of() : p.addresses().stream().map(InetAddress::getHostAddress).toList();
        };
    }
}
