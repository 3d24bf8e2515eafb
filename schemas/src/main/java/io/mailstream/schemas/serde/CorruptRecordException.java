package io.mailstream.schemas.serde;

import io.mailstream.schemas.MailstreamException;
import java.util.Optional;

/** A record that cannot be decoded, with the coordinates an operator needs to find it. */
public final class CorruptRecordException extends MailstreamException {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final int partition;
    private final long offset;
    private final Integer schemaId;

    public CorruptRecordException(String topic, int partition, long offset, Integer schemaId, String reason, Throwable cause) {
        super("corrupt record at " + topic + "-" + partition + "@" + offset
                + (schemaId == null ? "" : " (schema id " + schemaId + ")") + ": " + reason, cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.schemaId = schemaId;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public Optional<Integer> schemaId() {
        return Optional.ofNullable(schemaId);
    }

    /**
     * Whether the registry did not know the record's schema id. Unlike other corruption this may
     * pass (the writer registered against a replica not yet caught up, or a registry restored from
     * an older backup), so a consumer may read the record again for a while before dead-lettering it.
     */
    public boolean isUnknownSchemaId() {
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.mailstream.schemas.registry.UnknownSchemaIdException) {
                return true;
            }
        }
        return false;
    }
}
