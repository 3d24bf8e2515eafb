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

    /** Parses a key written by {@link #asString()}; the shard count is not part of the key. */
    public static RoutingKey parse(String key) {
        int hash = key.lastIndexOf('#');
        if (hash < 0) {
            return new RoutingKey(Domain.of(key), 0, 1);
        }
        int shard;
        try {
            shard = Integer.parseInt(key.substring(hash + 1));
        } catch (NumberFormatException e) {
            throw new InvalidAddressException(key, "routing key shard is not a number");
        }
        return new RoutingKey(Domain.of(key.substring(0, hash)), shard, shard + 1);
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
