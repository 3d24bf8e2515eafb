package io.mailstream.cli.standalone;

import io.mailstream.cli.KafkaClusterOptions;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistry;
import io.mailstream.embedded.registry.EmbeddedSchemaRegistryConfig;
import io.mailstream.schemas.kafka.KafkaConfigException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream registry}: the embedded Confluent-compatible schema registry as a service of its
 * own, on the {@code _schemas} topic of any cluster. Several instances on one cluster share the topic.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Run the Confluent-compatible schema registry (backed by the _schemas topic) in the foreground.")
public final class RegistryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions kafka;

    @Option(names = "--port", defaultValue = "8081", description = "HTTP port on localhost (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--kafka-timeout", defaultValue = "PT30S", description = "ISO-8601 duration a read or write of _schemas may take (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedSchemaRegistryConfig config;
        try {
            config = new EmbeddedSchemaRegistryConfig(kafka.connection(), port, kafkaTimeout,
                    EmbeddedSchemaRegistryConfig.DEFAULT_HTTP_THREADS);
        } catch (IllegalArgumentException | KafkaConfigException e) {
            spec.commandLine().getErr().println("mailstream registry: " + e.getMessage());
            return 2;
        }
        ForegroundService foreground = new ForegroundService("mailstream-registry");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(config)) {
            // One parseable line: orchestration (bench scale-out) waits for it to learn the port.
            spec.commandLine().getOut().println("schema registry listening on " + registry.url());
            spec.commandLine().getOut().flush();
            while (!foreground.awaitStop(3600)) {
                // nothing to report periodically
            }
        } finally {
            foreground.closed();
        }
        return 0;
    }
}
