package io.mailstream.webhooks.send;

import java.time.Duration;

/**
 * Waits between attempts. The service's implementation keeps the endpoint's consumer in its group
 * while it waits (polls with every partition paused); tests move a clock.
 */
@FunctionalInterface
public interface Pause {
    void pause(Duration duration) throws InterruptedException;
}
