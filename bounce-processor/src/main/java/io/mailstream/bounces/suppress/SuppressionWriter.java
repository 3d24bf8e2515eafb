package io.mailstream.bounces.suppress;

import io.mailstream.avro.Suppression;
import io.mailstream.schemas.address.EmailAddress;

/** Writes to {@code mail.suppressions}; each call returns once Kafka acknowledged the record. */
public interface SuppressionWriter {
    /** Writes {@code s} under its normalised address. */
    void put(Suppression s);

    /** Writes a tombstone: the address may be mailed again. */
    void remove(EmailAddress address);
}
