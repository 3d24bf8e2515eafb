package io.mailstream.embedded.smtp;

import java.time.Duration;

/**
 * How slowly the {@link SmtpSink} answers, to model real receivers on loopback: Gmail, Outlook and
 * Yahoo take 100 ms to over a second to answer the end of DATA, and every command costs a network
 * round trip. Each session runs on its own virtual thread, so thousands of slow sessions cost
 * memory, not threads.
 *
 * @param command delay before the reply to each command of a mail transaction (MAIL, RCPT and the
 *                end of DATA); the connection's greeting, EHLO, RSET and QUIT are answered at once
 * @param data    extra delay before the reply to the end of DATA only
 */
public record SinkLatency(Duration command, Duration data) {
    public static final SinkLatency NONE = new SinkLatency(Duration.ZERO, Duration.ZERO);

    public SinkLatency {
        if (command == null || command.isNegative()) {
            throw new IllegalArgumentException("sink command latency must be zero or positive, was " + command);
        }
        if (data == null || data.isNegative()) {
            throw new IllegalArgumentException("sink data latency must be zero or positive, was " + data);
        }
    }

    public boolean isNone() {
        return command.isZero() && data.isZero();
    }
}
