package io.mailstream.producer.launch;

import java.util.Locale;

/** Producer batch compression. lz4 is the default: cheap on CPU, and outbound events compress well. */
public enum Compression {
    NONE, GZIP, SNAPPY, LZ4, ZSTD;

    /** The value of Kafka's {@code compression.type}. */
    public String kafkaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Compression parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("compression must be one of none, gzip, snappy, lz4, zstd; was '" + s + "'", e);
        }
    }
}
