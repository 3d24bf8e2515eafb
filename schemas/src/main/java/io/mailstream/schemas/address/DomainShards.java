package io.mailstream.schemas.address;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many shards each large domain is split into (gmail.com → 8, ...); every other domain has one.
 * Producer and dispatcher must be configured alike, or a shard's budget share is wrong.
 */
public record DomainShards(Map<Domain, Integer> shards) {
    public static final DomainShards NONE = new DomainShards(Map.of());

    public DomainShards {
        shards.forEach((d, n) -> {
            if (n == null || n < 1 || n > 1024) {
                throw new IllegalArgumentException("shards for " + d + " must be in 1..1024, was " + n);
            }
        });
        shards = Map.copyOf(shards);
    }

    /** From a spec like {@code gmail.com=8,outlook.com=4}; blank means no sharding. */
    public static DomainShards parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<Domain, Integer> m = new TreeMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("domain shard entry '" + part + "' is not domain=count");
            }
            Domain domain = Domain.of(kv[0]);
            int count;
            try {
                count = Integer.parseInt(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shard count in '" + part + "' is not a number", e);
            }
            if (m.put(domain, count) != null) {
                throw new IllegalArgumentException("domain " + domain + " is listed twice in domain shards '" + spec + "'");
            }
        }
        return new DomainShards(m);
    }

    public int shardsFor(Domain domain) {
        return shards.getOrDefault(domain, 1);
    }
}
