package io.mailstream.embedded;

import io.mailstream.embedded.kafka.EmbeddedKafkaConfig;
import io.mailstream.embedded.secure.SecuredStackConfig;
import java.util.Optional;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
import io.mailstream.schemas.topics.Topics;

/**
 * How to run the whole local stack.
 *
 * @param kafka              the in-process broker
 * @param outboundPartitions partitions of the outbound, transactional, retry and delivery-event topics
 *                           ({@link Topics#all(int)})
 * @param schemaRegistryPort HTTP port of the schema registry; 0 = a free port
 * @param smtp               the SMTP sink that stands in for the receiving mail servers
 * @param strictTopics       fail at start if an existing topic has another partition count
 *                           (possible when {@code kafka.logDir} is reused with another configuration)
 * @param secured            empty: plaintext and open; else SASL_SSL, ACLs and an HTTPS registry with basic auth
 */
public record EmbeddedStackConfig(
        EmbeddedKafkaConfig kafka,
        int outboundPartitions,
        int schemaRegistryPort,
        SmtpSinkConfig smtp,
        boolean strictTopics,
        Optional<SecuredStackConfig> secured) {

    public EmbeddedStackConfig(EmbeddedKafkaConfig kafka, int outboundPartitions, int schemaRegistryPort, SmtpSinkConfig smtp,
                               boolean strictTopics) {
        this(kafka, outboundPartitions, schemaRegistryPort, smtp, strictTopics, Optional.empty());
    }

    public EmbeddedStackConfig {
        if (kafka == null || smtp == null) {
            throw new IllegalArgumentException("kafka and smtp configs are required");
        }
        if (outboundPartitions < 1) {
            throw new IllegalArgumentException("outboundPartitions must be at least 1, was " + outboundPartitions);
        }
        if (secured == null) {
            throw new IllegalArgumentException("secured is null; use Optional.empty() for a plaintext stack");
        }
        if (schemaRegistryPort < 0 || schemaRegistryPort > 65535) {
            throw new IllegalArgumentException("schemaRegistryPort must be 0 (free port) or 1..65535, was "
                    + schemaRegistryPort);
        }
    }

    /** Temporary broker, default partition counts, free ports everywhere, lenient topics. */
    public static EmbeddedStackConfig defaults() {
        return new EmbeddedStackConfig(EmbeddedKafkaConfig.defaults(), Topics.DEFAULT_OUTBOUND_PARTITIONS, 0,
                SmtpSinkConfig.defaults(), false);
    }

    public EmbeddedStackConfig withKafka(EmbeddedKafkaConfig k) {
        return new EmbeddedStackConfig(k, outboundPartitions, schemaRegistryPort, smtp, strictTopics, secured);
    }

    public EmbeddedStackConfig withOutboundPartitions(int n) {
        return new EmbeddedStackConfig(kafka, n, schemaRegistryPort, smtp, strictTopics, secured);
    }

    public EmbeddedStackConfig withSmtp(SmtpSinkConfig s) {
        return new EmbeddedStackConfig(kafka, outboundPartitions, schemaRegistryPort, s, strictTopics, secured);
    }

    /** The secured stack: the broker on SASL_SSL with {@code s}'s users and ACLs, the registry on HTTPS with basic auth. */
    public EmbeddedStackConfig withSecurity(SecuredStackConfig s) {
        return new EmbeddedStackConfig(kafka.withSecurity(s.security()), outboundPartitions, schemaRegistryPort, smtp, strictTopics,
                Optional.of(s));
    }
}
