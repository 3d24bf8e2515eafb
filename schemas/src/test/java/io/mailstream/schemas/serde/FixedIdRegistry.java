package io.mailstream.schemas.serde;

import io.mailstream.schemas.registry.RegisteredSchema;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.UnknownSchemaIdException;
import java.util.Optional;
import org.apache.avro.Schema;

/** A registry that knows one schema under one chosen id, so tests can pin ids the in-memory registry never hands out. */
final class FixedIdRegistry implements SchemaRegistry {
    private final int id;
    private final Schema schema;

    FixedIdRegistry(int id, Schema schema) {
        this.id = id;
        this.schema = schema;
    }

    @Override
    public int register(String subject, Schema s) {
        return id;
    }

    @Override
    public Schema schemaById(int requested) {
        if (requested != id) {
            throw new UnknownSchemaIdException(requested, "fixed-id test registry");
        }
        return schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema s) {
        return true;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        return Optional.of(new RegisteredSchema(subject, 1, id, schema));
    }
}
