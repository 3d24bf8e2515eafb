package io.mailstream.embedded.registry;

import java.util.Locale;

/**
 * Confluent Schema Registry compatibility levels. Non-transitive levels check against the latest
 * version only, transitive ones against every version of the subject.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** New schema must read data written with the old one. */
    public boolean backward() {
        return backward;
    }

    /** Old schema must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    public boolean transitive() {
        return transitive;
    }

    /**
     * @throws SchemaRegistryException 42203 for an unknown name
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // fall through to the registry's own error
            }
        }
        throw SchemaRegistryException.invalidCompatibilityLevel(name);
    }
}
