package io.mailstream.schemas.kafka;

import io.mailstream.schemas.registry.SchemaRegistryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs, once at start, what would cross a network in clear: Kafka records or passwords, registry credentials. */
public final class CleartextWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(CleartextWarnings.class);

    private CleartextWarnings() {
    }

    public static void log(KafkaConnection kafka) {
        kafka.cleartextWarnings().forEach(LOG::warn);
    }

    public static void log(SchemaRegistryConfig registry) {
        registry.cleartextWarnings().forEach(LOG::warn);
    }

    public static void log(KafkaConnection kafka, SchemaRegistryConfig registry) {
        log(kafka);
        log(registry);
    }
}
