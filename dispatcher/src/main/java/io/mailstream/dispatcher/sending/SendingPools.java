package io.mailstream.dispatcher.sending;

import io.mailstream.dispatcher.InvalidConfigException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Which sending pool a message leaves from. Campaign mail uses the pool named {@value #DEFAULT},
 * unless {@code sending-pools.campaign.<campaignId>} names another; transactional mail (no
 * campaign) uses the pool named {@value #TRANSACTIONAL} if there is one, else {@value #DEFAULT}.
 * With no pools configured the operating system picks the source address, as before.
 *
 * @param pools         {@code sending-pools.<name>.*} by name
 * @param campaignPools {@code sending-pools.campaign.<campaignId>}: pool name per campaign
 */
public record SendingPools(Map<String, SendingPool> pools, Map<String, String> campaignPools) {
    public static final String DEFAULT = "default";
    public static final String TRANSACTIONAL = "transactional";

    public SendingPools {
        if (pools == null || campaignPools == null) {
            throw new InvalidConfigException("sending-pools", "must not be null");
        }
        pools = Map.copyOf(pools);
        campaignPools = Map.copyOf(campaignPools);
        pools.forEach((name, pool) -> {
            if (!name.equals(pool.name())) {
                throw new InvalidConfigException("sending-pools." + name, "holds the pool named " + pool.name());
            }
        });
        if (!pools.isEmpty() && !pools.containsKey(DEFAULT)) {
            throw new InvalidConfigException("sending-pools." + DEFAULT,
                    "is required when sending pools are configured (campaign mail without a pool of its own uses it); have "
                            + pools.keySet());
        }
        Map<InetAddress, String> named = new java.util.HashMap<>();
        for (SendingPool pool : pools.values()) {
            pool.ehloNames().forEach((address, ehlo) -> {
                String other = named.putIfAbsent(address, ehlo);
                if (other != null && !other.equals(ehlo)) {
                    throw new InvalidConfigException("sending-pools." + pool.name() + ".addresses", address.getHostAddress()
                            + " has the EHLO name " + ehlo + " here and " + other + " in another pool: one IP, one name");
                }
            });
        }
        for (Map.Entry<String, String> e : campaignPools.entrySet()) {
            if (!pools.containsKey(e.getValue())) {
                throw new InvalidConfigException("sending-pools.campaign." + e.getKey(),
                        "names the pool '" + e.getValue() + "', which is not configured; have " + pools.keySet());
            }
        }
    }

    /**
     * The EHLO name of a source address that has its own (in any pool): an address in two pools
     * must have the same name in both, or none in one of them.
     */
    public Optional<String> ehloNameOf(InetAddress address) {
        return pools.values().stream().map(p -> p.ehloNameOf(address)).flatMap(Optional::stream).findFirst();
    }

    /** Every source address with the EHLO name it announces ({@code fallback} where it has none of its own), for the PTR check. */
    public Map<InetAddress, String> identities(String fallback) {
        Map<InetAddress, String> out = new java.util.LinkedHashMap<>();
        pools.values().stream().sorted(java.util.Comparator.comparing(SendingPool::name))
                .forEach(p -> p.addresses().forEach(a -> out.put(a, ehloNameOf(a).orElse(fallback))));
        return out;
    }

    public static SendingPools none() {
        return new SendingPools(Map.of(), Map.of());
    }

    /** The pool for mail of {@code campaignId}, or for transactional mail when empty. */
    public Optional<SendingPool> poolFor(Optional<String> campaignId) {
        if (campaignId.isPresent()) {
            String named = campaignPools.get(campaignId.get());
            return Optional.ofNullable(pools.get(named != null ? named : DEFAULT));
        }
        return Optional.ofNullable(pools.getOrDefault(TRANSACTIONAL, pools.get(DEFAULT)));
    }
}
