package io.mailstream.tracking;

import io.mailstream.schemas.verp.VerpKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * The tracking endpoint's configuration, validated once.
 *
 * @param bindAddress   {@code --bind}: the address the HTTP server listens on (default 0.0.0.0)
 * @param port          {@code --port}: 0 picks a free port (default 8090)
 * @param keys          {@code --verp-keys} / {@code MAILSTREAM_VERP_KEYS}: the dispatchers' keys, which sign the tokens
 * @param privacy       what is kept of the client: coarse classes only, unless configured otherwise
 * @param machineMinDelay {@code --machine-min-delay}: requests sooner than this after sending count as machines (default 2 s)
 */
public record TrackingConfig(String bindAddress, int port, VerpKeys keys, Privacy privacy, Duration machineMinDelay) {
    public static final int DEFAULT_PORT = 8090;

    /**
     * @param keepIp        {@code --keep-ip}: write the client address into events (default: only its class)
     * @param keepUserAgent {@code --keep-user-agent}: write the User-Agent into events (default: only its class)
     */
    public record Privacy(boolean keepIp, boolean keepUserAgent) {
        public static final Privacy COARSE = new Privacy(false, false);
    }

    public TrackingConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new TrackingException("tracking.bind", "must be an address to listen on, e.g. 0.0.0.0");
        }
        if (port < 0 || port > 65_535) {
            throw new TrackingException("tracking.port", "must be 0..65535 (0 = any free port), was " + port);
        }
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(privacy, "privacy");
        if (machineMinDelay == null || machineMinDelay.isNegative()) {
            throw new TrackingException("tracking.machine-min-delay", "must be zero or a positive ISO-8601 duration, was " + machineMinDelay);
        }
    }
}
