package io.mailstream.producer.launch;

import io.mailstream.producer.ProducerException;

/**
 * A launch that stopped part-way (broker or registry unreachable, a record not acknowledged in time,
 * the recipient file unreadable). Says how far it got: rows read, events handed to the producer,
 * events acknowledged by Kafka. Relaunching is safe: message ids are deterministic.
 */
public final class LaunchException extends ProducerException {
    private static final long serialVersionUID = 1L;
    private final String campaignId;
    private final long rowsRead;
    private final long published;
    private final long acknowledged;

    public LaunchException(String campaignId, String reason, long rowsRead, long published, long acknowledged, Throwable cause) {
        super("launch of campaign '" + campaignId + "' failed: " + reason + " (after " + rowsRead + " rows read, "
                + published + " events published, " + acknowledged + " acknowledged; relaunching is safe, "
                + "message ids are deterministic)", cause);
        this.campaignId = campaignId;
        this.rowsRead = rowsRead;
        this.published = published;
        this.acknowledged = acknowledged;
    }

    public String campaignId() {
        return campaignId;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long published() {
        return published;
    }

    public long acknowledged() {
        return acknowledged;
    }
}
