package io.mailstream.dispatcher.throttle;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the adaptive throttle of one destination (policy, domain) is doing now.
 *
 * @param policy         policy name
 * @param domain         routing target: a recipient domain, or {@code site:<name>} for mail routed by site
 * @param factor         fraction of the policy's rate in force (1.0 = full speed)
 * @param ratePerSecond  the domain's rate in force (all shards), empty when the policy sets no per-second cap
 * @param suspendedUntil no mail to the destination before this instant (after a slow-down reply)
 */
public record ThrottleState(String policy, String domain, double factor, OptionalDouble ratePerSecond,
                            Optional<Instant> suspendedUntil) {
}
