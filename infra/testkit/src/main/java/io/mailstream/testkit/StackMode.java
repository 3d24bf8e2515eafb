package io.mailstream.testkit;

import java.util.Locale;

/** Which implementation a {@link PipelineStack} uses; chosen by system property {@value #PROPERTY}. */
public enum StackMode {
    /** Containers when a Docker engine answers, the embedded stack otherwise. */
    AUTO,
    /** The in-process broker and registry ({@code io.mailstream.embedded.EmbeddedStack}). */
    EMBEDDED,
    /** Testcontainers: {@code apache/kafka} and {@code confluentinc/cp-schema-registry}. */
    CONTAINERS;

    public static final String PROPERTY = "mailstream.stack";

    /**
     * @throws IllegalArgumentException naming the property and the accepted values: a typo must not
     *                                  silently pick another stack
     */
    public static StackMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be auto, embedded or containers, was '" + value + "'", e);
        }
    }

    public static StackMode fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }
}
