package io.mailstream.producer.launch;

import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.util.Objects;

/** The schema registry to use: one reached over HTTP, or an instance the caller already holds. */
public sealed interface RegistryTarget {

    /** A client for this target (the same instance for {@link Instance}). */
    SchemaRegistry connect();

    /** A human-readable description for error messages. */
    String describe();

    static RegistryTarget url(String url) {
        return new Url(SchemaRegistryConfig.of(url));
    }

    static RegistryTarget instance(SchemaRegistry registry) {
        return new Instance(registry);
    }

    /** A Confluent-compatible registry at a URL. */
    record Url(SchemaRegistryConfig config) implements RegistryTarget {
        public Url {
            Objects.requireNonNull(config, "config");
        }

        @Override
        public SchemaRegistry connect() {
            return new RestSchemaRegistryClient(config);
        }

        @Override
        public String describe() {
            return config.url().toString();
        }
    }

    /** A registry object supplied by the caller (an embedded stack's, or an in-memory one in tests). */
    record Instance(SchemaRegistry registry) implements RegistryTarget {
        public Instance {
            Objects.requireNonNull(registry, "registry");
        }

        @Override
        public SchemaRegistry connect() {
            return registry;
        }

        @Override
        public String describe() {
            return registry.getClass().getSimpleName();
        }
    }
}
