package io.mailstream.bounces.receive;

import io.mailstream.avro.RawBounce;

/** Where received bounces go; {@link #store} returns only once the bounce is durable. */
public interface RawBounceSink {
    /**
     * Stores a bounce under {@code key} and waits for it to be acknowledged.
     *
     * @throws RawBounceSinkException if it is not durable (the SMTP client must retry later)
     */
    void store(String key, RawBounce bounce);
}
