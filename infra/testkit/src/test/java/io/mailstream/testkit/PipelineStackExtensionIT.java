package io.mailstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.internal.DockerProbe;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PipelineStackExtensionIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @BeforeEach
    void resetSink() {
        STACK.sink().reset();
    }

    @Test
    void stackShouldRunEmbeddedWithoutDockerAndHaveTopicsProvisioned() throws Exception {
        StackMode mode = StackMode.fromSystemProperty();
        if (mode == StackMode.EMBEDDED || (mode == StackMode.AUTO && !DockerProbe.isDockerAvailable())) {
            assertThat(STACK.stack().kind()).isEqualTo(PipelineStack.Kind.EMBEDDED);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains(Topics.OUTBOUND, Topics.SUPPRESSIONS, Topics.CAMPAIGNS);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(STACK.schemaRegistryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void recordsShouldFlowThroughTheProvisionedTopics(PipelineStack stack) throws Exception {
        assertThat(stack).isSameAs(STACK.stack());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, "m1", "delivered")).get();
        }
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            // assigned, not subscribed: no group join to wait for
            List<TopicPartition> partitions = c.partitionsFor(Topics.DELIVERY_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            assertThat(partitions).hasSize(PipelineStackConfig.DEFAULT_TEST_PARTITIONS);
            c.assign(partitions);
            List<String> seen = new java.util.ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(200))) {
                    seen.add(rec.value());
                }
                return !seen.isEmpty();
            });
            assertThat(seen).containsExactly("delivered");
        }
    }

    @Test
    void sinkShouldBeInjectableAndReceiveMail(SmtpSink sink) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", sink.host());
        props.put("mail.smtp.port", Integer.toString(sink.port()));
        MimeMessage m = new MimeMessage(Session.getInstance(props));
        m.setFrom("a@mailstream.test");
        m.setRecipients(Message.RecipientType.TO, "b@example.com");
        m.setSubject("hi");
        m.setText("hello");
        Transport.send(m);

        assertThat(sink.awaitCount(1, Duration.ofSeconds(10))).isTrue();
        assertThat(STACK.sink().received()).hasSize(1);
    }
}
