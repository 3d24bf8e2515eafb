package io.mailstream.dispatcher.lane;

import io.mailstream.schemas.topics.Topics;

/**
 * Which lane a message travels in: transactional mail (receipts, password resets) has its own topics,
 * buffers, workers and share of connections; campaign mail has the rest (issue 14).
 */
public enum MailLane {
    TRANSACTIONAL, CAMPAIGN;

    /**
     * The lane of the SMTP transaction running on this thread, bound by the delivery worker around
     * it. A scoped value, not a parameter: the connection pool that reserves connections sits below
     * rendering, routing and MTA-STS, none of which needs to know lanes exist. Unbound means campaign.
     */
    public static final ScopedValue<MailLane> CURRENT = ScopedValue.newInstance();

    /** The lane of records read from {@code topic}. */
    public static MailLane ofTopic(String topic) {
        return Topics.isTransactional(topic) ? TRANSACTIONAL : CAMPAIGN;
    }

    /** The lane bound on this thread; campaign when none is. */
    public static MailLane current() {
        return CURRENT.orElse(CAMPAIGN);
    }

    /** As a metrics label. */
    public String label() {
        return this == TRANSACTIONAL ? "transactional" : "campaign";
    }
}
