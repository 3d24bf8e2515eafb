package io.mailstream.schemas.address;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many shards each large routing target is split into ({@code gmail.com → 8},
 * {@code site:google → 16}, ...); every other target has one. Producer, API and dispatchers must
 * agree: the shard map written by {@code mailstream policies apply} is the one source of it.
 */
public record DomainShards(Map<? extends RouteTarget, Integer> shards) {
    public static final DomainShards NONE = new DomainShards(Map.of());

    public DomainShards {
        shards.forEach((d, n) -> {
            if (n == null || n < 1 || n > 1024) {
                throw new IllegalArgumentException("shards for " + d.asKey() + " must be in 1..1024, was " + n);
            }
        });
        shards = Map.copyOf(shards);
    }

    /** From a spec like {@code gmail.com=8,site:google=16}; blank means no sharding. */
    public static DomainShards parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<String, RouteTarget> seen = new TreeMap<>();
        Map<RouteTarget, Integer> m = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("shard entry '" + part + "' is not domain=count or site:name=count");
            }
            RouteTarget target = target(kv[0].strip());
            int count;
            try {
                count = Integer.parseInt(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shard count in '" + part + "' is not a number", e);
            }
            if (seen.put(target.asKey(), target) != null) {
                throw new IllegalArgumentException(target.asKey() + " is listed twice in shards '" + spec + "'");
            }
            m.put(target, count);
        }
        return new DomainShards(m);
    }

    /** A domain ({@code gmail.com}) or a site ({@code site:google}) as written in a shard map or a routing key. */
    public static RouteTarget target(String raw) {
        return Site.isSiteKey(raw) ? Site.of(raw.substring(Site.KEY_PREFIX.length())) : Domain.of(raw);
    }

    public int shardsFor(RouteTarget target) {
        Integer n = shards.get(target);
        return n == null ? 1 : n;
    }

    /** Whether the map names {@code target} (a target it does not name has one shard). */
    public boolean names(RouteTarget target) {
        return shards.containsKey(target);
    }

    /** The canonical spec ({@code gmail.com=8,site:google=16}, sorted): what the shard-map topic stores. */
    public String asSpec() {
        Map<String, Integer> sorted = new TreeMap<>();
        shards.forEach((t, n) -> sorted.put(t.asKey(), n));
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, n) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(n));
        return sb.toString();
    }
}
