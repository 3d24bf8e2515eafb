package io.mailstream.schemas.sites;

import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.topics.Topics;

/** A component's own shard configuration disagrees with the fleet's shard map in {@link Topics#SHARD_MAP}. */
public final class ShardMapMismatchException extends IllegalStateException {
    private final DomainShards configured;
    private final DomainShards published;

    ShardMapMismatchException(String component, DomainShards configured, DomainShards published) {
        super(component + " is configured with shards '" + configured.asSpec() + "' but the shard map in " + Topics.SHARD_MAP
                + " is '" + published.asSpec() + "': remove the shards from " + component
                + "'s configuration (the map is used), or apply the new map to the whole fleet with "
                + "'mailstream policies apply FILE' and restart");
        this.configured = configured;
        this.published = published;
    }

    public DomainShards configured() {
        return configured;
    }

    public DomainShards published() {
        return published;
    }
}
