package io.mailstream.schemas.serde;

import io.mailstream.schemas.registry.NotAvroSchemaException;
import io.mailstream.schemas.topics.DeadLetters;

/** The dead-letter reason of a record that did not decode. */
public final class CorruptReasons {
    private CorruptReasons() {
    }

    public static DeadLetters.Reason of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NotAvroSchemaException) {
                return DeadLetters.Reason.NOT_AVRO;
            }
            if (t instanceof io.mailstream.schemas.registry.UnknownSchemaIdException) {
                return DeadLetters.Reason.UNKNOWN_SCHEMA;
            }
        }
        return DeadLetters.Reason.CORRUPT;
    }
}
