package io.mailstream.bounces.topology.internal;

import io.mailstream.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A deserializer that waits out a schema registry outage instead of failing: a transient
 * {@link SchemaRegistryException} is retried with backoff (100 ms doubling to 5 s) for as long as
 * it lasts. For the global suppression table, whose records reach the deserializer directly: there
 * a failure would go to the deserialization exception handler, which skips the record (a suppression
 * silently missing from the API's view) or kills the global thread. Corrupt records still throw.
 */
public final class PatientDeserializer<T> implements Deserializer<T> {
    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(5);

    /** How a retry waits; tests count instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final Deserializer<T> delegate;
    private final Pause pause;

    public PatientDeserializer(Deserializer<T> delegate) {
        this(delegate, d -> Thread.sleep(d.toMillis()));
    }

    public PatientDeserializer(Deserializer<T> delegate, Pause pause) {
        this.delegate = delegate;
        this.pause = pause;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        Duration backoff = FIRST;
        while (true) {
            try {
                return delegate.deserialize(topic, data);
            } catch (SchemaRegistryException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                try {
                    pause.pause(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException(ie);
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX) > 0 ? MAX : backoff.multipliedBy(2);
            }
        }
    }
}
