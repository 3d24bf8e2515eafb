package io.mailstream.schemas.address;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The Kafka key of outbound mail: {@code domain} or {@code domain#n} for domains split into
 * shards. Whoever owns the partition of a routing key owns that shard's throttle budget
 * (DESIGN: "Routing key = domain shard").
 */
public record RoutingKey(Domain domain, int shard, int shardCount) {
    public RoutingKey {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be at least 1, was " + shardCount);
        }
        if (shard < 0 || shard >= shardCount) {
            throw new IllegalArgumentException("shard must be in [0," + shardCount + "), was " + shard);
        }
    }

    /**
     * The one function that maps a recipient to its routing key; producer and dispatcher both use
     * it. The shard is a stable hash of the normalised address, so a recipient always lands on the
     * same shard and its retries stay in order with its first attempt.
     */
    public static RoutingKey of(EmailAddress recipient, DomainShards shards) {
        Domain domain = recipient.domain();
        int n = shards.shardsFor(domain);
        if (n == 1) {
            return new RoutingKey(domain, 0, 1);
        }
        CRC32 crc = new CRC32();
        crc.update(recipient.normalized().getBytes(StandardCharsets.UTF_8));
        return new RoutingKey(domain, (int) (crc.getValue() % n), n);
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
            return new RoutingKey(Domain.of(key), 0, 1);
        }
        int shard = shardOf(key, hash);
        // "d#0" must not come back as "d": a count of 1 would drop the suffix.
        return new RoutingKey(Domain.of(key.substring(0, hash)), shard, Math.max(shard + 1, 2));
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
        Domain domain = Domain.of(hash < 0 ? key : key.substring(0, hash));
        int n = shards.shardsFor(domain);
        if (hash < 0) {
            if (n > 1) {
                throw new InvalidAddressException(key, "routing key has no shard but " + domain + " has " + n + " shards");
            }
            return new RoutingKey(domain, 0, 1);
        }
        int shard = shardOf(key, hash);
        if (n == 1) {
            throw new InvalidAddressException(key, "routing key has a shard but " + domain + " is not sharded");
        }
        if (shard >= n) {
            throw new InvalidAddressException(key, "routing key shard " + shard + " is out of range for "
                    + domain + " with " + n + " shards");
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

    /** The domain's budget is split evenly between shards. */
    public double budgetShare() {
        return 1.0 / shardCount;
    }

    public String asString() {
        return shardCount == 1 ? domain.asString() : domain.asString() + "#" + shard;
    }

    @Override
    public String toString() {
        return asString();
    }
}
