package io.mailstream.schemas.address;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The Kafka key of outbound, transactional and retried mail: a target ({@code domain}, or
 * {@code site:name} for a destination site shared by many domains) with {@code #n} for targets split
 * into shards. Whoever owns the partition of a routing key owns that shard's throttle budget
 * (DESIGN: "Routing key = domain shard"; with sites, "= destination site shard").
 */
public record RoutingKey(RouteTarget target, int shard, int shardCount) {
    public RoutingKey {
        if (target == null) {
            throw new IllegalArgumentException("routing key target is required");
        }
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be at least 1, was " + shardCount);
        }
        if (shard < 0 || shard >= shardCount) {
            throw new IllegalArgumentException("shard must be in [0," + shardCount + "), was " + shard);
        }
    }

    /**
     * The routing key of a recipient by its own domain (no site): what a producer without site
     * routing writes.
     */
    public static RoutingKey of(EmailAddress recipient, DomainShards shards) {
        return of(recipient, recipient.domain(), shards);
    }

    /**
     * The one function that maps a recipient and its routing target to a routing key; producer, API
     * and dispatcher all use it. The shard is a stable hash of the normalised address, so a recipient
     * always lands on the same shard and its retries stay in order with its first attempt.
     */
    public static RoutingKey of(EmailAddress recipient, RouteTarget target, DomainShards shards) {
        int n = shards.shardsFor(target);
        if (n == 1) {
            return new RoutingKey(target, 0, 1);
        }
        CRC32 crc = new CRC32();
        crc.update(recipient.normalized().getBytes(StandardCharsets.UTF_8));
        return new RoutingKey(target, (int) (crc.getValue() % n), n);
    }

    /** The recipient domain when the key names one; empty for a site key. */
    public Optional<Domain> domain() {
        return target instanceof Domain d ? Optional.of(d) : Optional.empty();
    }

    /**
     * Parses a key written by {@link #asString()}. The shard count is not part of the key, so the
     * result has the smallest count that keeps {@code parse(k).asString().equals(k)}; its
     * {@link #budgetShare()} is not the domain's real share. Use {@link #parse(String, DomainShards)}
     * where the configuration is at hand.
     */
    public static RoutingKey parse(String key) {
        if (key == null) {
            throw new InvalidAddressException(null, "routing key is missing");
        }
        int hash = key.lastIndexOf('#');
        if (hash < 0) {
            return new RoutingKey(DomainShards.target(key), 0, 1);
        }
        int shard = shardOf(key, hash);
        // "d#0" must not come back as "d": a count of 1 would drop the suffix.
        return new RoutingKey(DomainShards.target(key.substring(0, hash)), shard, Math.max(shard + 1, 2));
    }

    /**
     * Parses a key and takes the shard count from {@code shards}, so that {@link #budgetShare()} is
     * right; refuses a key that does not fit the configuration (a shard out of range, a shard suffix
     * on an unsharded domain, or none on a sharded one).
     */
    public static RoutingKey parse(String key, DomainShards shards) {
        if (key == null) {
            throw new InvalidAddressException(null, "routing key is missing");
        }
        int hash = key.lastIndexOf('#');
        RouteTarget domain = DomainShards.target(hash < 0 ? key : key.substring(0, hash));
        int n = shards.shardsFor(domain);
        if (hash < 0) {
            if (n > 1) {
                throw new InvalidAddressException(key, "routing key has no shard but " + domain.asKey() + " has " + n
                        + " shards in the shard map: producer and dispatcher disagree; apply one shard map to both");
            }
            return new RoutingKey(domain, 0, 1);
        }
        int shard = shardOf(key, hash);
        if (n == 1) {
            throw new InvalidAddressException(key, "routing key has a shard but " + domain.asKey()
                    + " is not sharded in the shard map: producer and dispatcher disagree; apply one shard map to both");
        }
        if (shard >= n) {
            throw new InvalidAddressException(key, "routing key shard " + shard + " is out of range for "
                    + domain.asKey() + " with " + n + " shards in the shard map: producer and dispatcher disagree");
        }
        return new RoutingKey(domain, shard, n);
    }

    private static int shardOf(String key, int hash) {
        String digits = key.substring(hash + 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidAddressException(key, "routing key shard is not a number");
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new InvalidAddressException(key, "routing key shard is not a number");
        }
    }

    /** The target's budget is split evenly between shards. */
    public double budgetShare() {
        return 1.0 / shardCount;
    }

    public String asString() {
        return shardCount == 1 ? target.asKey() : target.asKey() + "#" + shard;
    }

    @Override
    public String toString() {
        return asString();
    }
}
