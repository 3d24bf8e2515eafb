package io.mailstream.testkit;

import io.mailstream.schemas.registry.RegisteredSchema;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryException;
import java.util.Optional;
import org.apache.avro.Schema;

/** A schema registry client that answers like its delegate, or fails as an unreachable registry does while {@link #down} is set. */
public final class FlakyRegistry implements SchemaRegistry {
    private final SchemaRegistry delegate;
    private volatile boolean down;

    public FlakyRegistry(SchemaRegistry delegate) {
        this.delegate = delegate;
    }

    public void down(boolean down) {
        this.down = down;
    }

    private void check() {
        if (down) {
            throw new SchemaRegistryException("schema registry is unreachable (test: down)", new java.net.ConnectException("refused"));
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        check();
        return delegate.register(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        check();
        return delegate.schemaById(id);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        check();
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        check();
        return delegate.latest(subject);
    }
}
