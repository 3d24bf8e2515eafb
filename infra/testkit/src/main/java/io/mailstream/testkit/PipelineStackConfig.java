package io.mailstream.testkit;

import io.mailstream.embedded.smtp.SmtpSinkConfig;

/**
 * How the test fixture starts the stack.
 *
 * @param mode                which implementation; default from {@code -Dmailstream.stack}
 * @param outboundPartitions  partitions of the outbound-like topics; small keeps tests fast
 * @param smtp                the in-process SMTP sink
 * @param kafkaImage          image for {@link StackMode#CONTAINERS}
 * @param schemaRegistryImage image for {@link StackMode#CONTAINERS}
 */
public record PipelineStackConfig(StackMode mode, int outboundPartitions, SmtpSinkConfig smtp, String kafkaImage,
        String schemaRegistryImage) {
    public static final int DEFAULT_TEST_PARTITIONS = 3;
    public static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.4.0";
    public static final String DEFAULT_SCHEMA_REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.0.0";

    public PipelineStackConfig {
        if (mode == null || smtp == null) {
            throw new IllegalArgumentException("mode and smtp are required");
        }
        if (outboundPartitions < 1) {
            throw new IllegalArgumentException("outboundPartitions must be at least 1, was " + outboundPartitions);
        }
        if (kafkaImage == null || kafkaImage.isBlank() || schemaRegistryImage == null || schemaRegistryImage.isBlank()) {
            throw new IllegalArgumentException("container images must be named");
        }
    }

    /** Mode from the system property, 3 partitions, a sink that keeps messages. */
    public static PipelineStackConfig defaults() {
        return new PipelineStackConfig(StackMode.fromSystemProperty(), DEFAULT_TEST_PARTITIONS,
                SmtpSinkConfig.defaults().keepingMessages(), DEFAULT_KAFKA_IMAGE, DEFAULT_SCHEMA_REGISTRY_IMAGE);
    }

    public PipelineStackConfig withMode(StackMode m) {
        return new PipelineStackConfig(m, outboundPartitions, smtp, kafkaImage, schemaRegistryImage);
    }

    public PipelineStackConfig withOutboundPartitions(int n) {
        return new PipelineStackConfig(mode, n, smtp, kafkaImage, schemaRegistryImage);
    }

    public PipelineStackConfig withSmtp(SmtpSinkConfig s) {
        return new PipelineStackConfig(mode, outboundPartitions, s, kafkaImage, schemaRegistryImage);
    }
}
