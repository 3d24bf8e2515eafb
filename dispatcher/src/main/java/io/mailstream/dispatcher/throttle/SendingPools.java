package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.InvalidConfigException;

/**
 * Which sending IP pool campaign and transactional mail use ({@code sending-pool.campaign},
 * {@code sending-pool.transactional}); the connection side binds each pool to its source addresses,
 * pacing keeps a budget per pool.
 */
public record SendingPools(String campaign, String transactional) {
    public static final SendingPools DEFAULTS = new SendingPools("default", "transactional");

    public SendingPools {
        requireName("sending-pool.campaign", campaign);
        requireName("sending-pool.transactional", transactional);
    }

    static void requireName(String key, String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new InvalidConfigException(key, "must be a pool name of lower-case letters, digits, '-' or '_', was '" + name + "'");
        }
    }

    public String poolOf(boolean transactional) {
        return transactional ? this.transactional : campaign;
    }
}
