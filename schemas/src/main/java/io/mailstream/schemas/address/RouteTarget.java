package io.mailstream.schemas.address;

/**
 * What a routing key names: a recipient {@link Domain} (the long tail, and the fallback when its
 * site is unknown) or a destination {@link Site} (a mailbox provider, or a set of MX hosts shared by
 * many domains). Whoever owns the partition of the key owns the target's budget.
 */
public sealed interface RouteTarget permits Domain, Site {
    /** The target as it is written in a routing key, before any {@code #shard} suffix. */
    String asKey();
}
