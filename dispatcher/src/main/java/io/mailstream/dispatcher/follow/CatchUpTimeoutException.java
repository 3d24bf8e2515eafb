package io.mailstream.dispatcher.follow;

import io.mailstream.dispatcher.DispatcherException;
import java.time.Duration;

/** A table topic could not be read up to its end offsets in time; the dispatcher refuses to start half-informed. */
public final class CatchUpTimeoutException extends DispatcherException {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public CatchUpTimeoutException(String topic, Duration waited, Throwable cause) {
        super("did not catch up with topic " + topic + " within " + waited
                + (cause == null ? "; is the broker reachable?" : ": the follower failed: " + cause), cause);
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
