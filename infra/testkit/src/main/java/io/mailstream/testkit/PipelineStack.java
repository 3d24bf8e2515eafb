package io.mailstream.testkit;

import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.testkit.internal.ContainerPipelineStack;
import io.mailstream.testkit.internal.DockerProbe;
import io.mailstream.testkit.internal.EmbeddedPipelineStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's infrastructure for a test: a Kafka cluster with every topic provisioned, a
 * Confluent-API schema registry, and an in-process {@link SmtpSink}. The same interface whether
 * it runs in containers (where Docker exists) or in this JVM (everywhere else), so tests are
 * written once. Usually obtained through {@link PipelineStackExtension}.
 */
public interface PipelineStack extends AutoCloseable {
    /** Which implementation is running. */
    enum Kind { EMBEDDED, CONTAINERS }

    String bootstrapServers();

    String schemaRegistryUrl();

    SmtpSink sink();

    default String smtpHost() {
        return sink().host();
    }

    default int smtpPort() {
        return sink().port();
    }

    Kind kind();

    @Override
    void close();

    /** Starts the stack the config's mode asks for ({@link StackMode#AUTO}: containers if Docker answers). */
    static PipelineStack start(PipelineStackConfig config) {
        Logger log = LoggerFactory.getLogger(PipelineStack.class);
        boolean containers = switch (config.mode()) {
            case CONTAINERS -> true;
            case EMBEDDED -> false;
            case AUTO -> DockerProbe.isDockerAvailable();
        };
        log.info("Starting the {} pipeline stack ({}={})", containers ? "container" : "embedded",
                StackMode.PROPERTY, config.mode().name().toLowerCase(java.util.Locale.ROOT));
        return containers ? ContainerPipelineStack.start(config) : EmbeddedPipelineStack.start(config);
    }

    static PipelineStack start() {
        return start(PipelineStackConfig.defaults());
    }
}
