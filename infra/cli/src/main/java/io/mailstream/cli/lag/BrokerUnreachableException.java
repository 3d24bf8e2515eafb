package io.mailstream.cli.lag;

import java.time.Duration;

/** Kafka did not answer within the timeout: wrong address, broker down, or a network in between. */
public final class BrokerUnreachableException extends LagException {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final Duration timeout;

    private BrokerUnreachableException(String bootstrapServers, Duration timeout, String step, Throwable cause) {
        super("Kafka at " + bootstrapServers + " did not answer within " + timeout.toMillis() + " ms (" + step
                + "); is the broker running and the address right?", cause);
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    public static BrokerUnreachableException create(String bootstrapServers, Duration timeout, String step, Throwable cause) {
        return new BrokerUnreachableException(bootstrapServers, timeout, step, cause);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Duration timeout() {
        return timeout;
    }
}
