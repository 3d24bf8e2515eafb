package io.mailstream.embedded.registry.internal;

import io.mailstream.embedded.registry.SchemaRegistryException;

/** A version in a URL: a number from 1, or {@code latest} (also {@code -1}, as Confluent accepts). */
record VersionRef(int number) {
    static final int LATEST = -1;

    static VersionRef parse(String text) {
        if ("latest".equals(text)) {
            return new VersionRef(LATEST);
        }
        try {
            int n = Integer.parseInt(text);
            if (n == LATEST || n >= 1) {
                return new VersionRef(n);
            }
        } catch (NumberFormatException e) {
            // reported below with the text as given
        }
        throw SchemaRegistryException.invalidVersion(text);
    }

    boolean isLatest() {
        return number == LATEST;
    }
}
