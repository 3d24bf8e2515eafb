package io.mailstream.dispatcher.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source address pacing chose for each admitted message whose pool has per-address warm-up
 * budgets, by the message's queue item (identity), from its admission until its release: what the
 * delivery worker hands to the connection. Thread-safe.
 */
final class SourcePins {
    private final Map<Object, InetAddress> pins = new IdentityHashMap<>();

    synchronized void pin(Object token, String address) {
        try {
            pins.put(token, InetAddress.getByName(address)); // an IP literal from the pool: parsed, never resolved
        } catch (UnknownHostException e) {
            throw new IllegalStateException("sending pool address " + address + " is not an IP literal", e);
        }
    }

    synchronized Optional<InetAddress> of(Object token) {
        return Optional.ofNullable(pins.get(token));
    }

    synchronized void release(Object token) {
        pins.remove(token);
    }
}
