package io.mailstream.embedded.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.embedded.kafka.EmbeddedKafka;
import io.mailstream.embedded.kafka.EmbeddedKafkaConfig;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured in-process broker: SCRAM users stored at format time, SASL_SSL with the local CA,
 * ACLs enforced, and nothing for a client without the stack's credentials or CA.
 */
class SecureEmbeddedKafkaIT {
    @TempDir
    static Path dir;
    private static StackSecurity security;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        security = StackSecurity.generate(dir.resolve("tls"), List.of("writer", "stranger"));
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults().withSecurity(security));
        try (Admin admin = Admin.create(kafka.adminConnection().merge(Map.of()))) {
            admin.createTopics(List.of(new NewTopic("secured", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "secured", PatternType.LITERAL),
                    new AccessControlEntry("User:writer", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aUserWithAWriteAclShouldWrite() throws Exception {
        try (KafkaProducer<String, String> producer = producer(security.clientSettings("writer"))) {
            assertThat(producer.send(new ProducerRecord<>("secured", "k", "v")).get(30, TimeUnit.SECONDS).offset()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aUserWithoutAnAclShouldBeRefusedNamingTheTopic() {
        try (KafkaProducer<String, String> producer = producer(security.clientSettings("stranger"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("secured", "k", "v")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicAuthorizationException.class).hasMessageContaining("secured");
        }
    }

    @Test
    void aWrongPasswordShouldFailAuthentication() {
        Map<String, String> wrong = new java.util.HashMap<>(security.clientSettings("writer").entries());
        wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"writer\" password=\"guess\";");
        try (KafkaProducer<String, String> producer = producer(new KafkaClientSettings(wrong, Optional.empty()))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("secured", "k", "v")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static KafkaProducer<String, String> producer(KafkaClientSettings settings) {
        Properties p = new KafkaConnection(kafka.bootstrapServers(), settings).merge(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000"));
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
