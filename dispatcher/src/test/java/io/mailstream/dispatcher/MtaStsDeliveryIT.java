package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.mtasts.MtaStsSettings;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.LocalDnsServer;
import io.mailstream.dispatcher.support.StsPolicyServer;
import io.mailstream.dispatcher.support.TestCertificates;
import io.mailstream.dispatcher.support.TlsSmtpServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * MTA-STS end to end through a running dispatcher: two recipient domains publish policies (a local
 * DNS server and HTTPS policy server), their MX presents a certificate from a CA nobody trusts.
 * The {@code enforce} domain's mail is deferred with a reason naming MTA-STS; the {@code testing}
 * domain's mail is delivered; both delivery events on {@code mail.delivery-events} say which policy applied.
 */
class MtaStsDeliveryIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @Test
    void enforceShouldDeferAndTestingShouldDeliverAndBothEventsShouldNameThePolicy(@TempDir Path dir) throws Exception {
        TestCertificates policyHosts = TestCertificates.forServers("mta-sts.enforce.test", "mta-sts.testing.test");
        TestCertificates untrusted = TestCertificates.forServers("mx.enforce.test", "mx.testing.test");
        Path caPem = policyHosts.writeCaPem(dir);
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        try (LocalDnsServer dns = new LocalDnsServer();
             StsPolicyServer policies = new StsPolicyServer(policyHosts.serverContext(), "", Map.of(
                     "mta-sts.enforce.test", StsPolicyServer.policy("enforce", "mx.enforce.test"),
                     "mta-sts.testing.test", StsPolicyServer.policy("testing", "mx.testing.test")));
             TlsSmtpServer mx = TlsSmtpServer.starttls(untrusted.serverContext());
             KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            for (String domain : List.of("enforce.test", "testing.test")) {
                dns.mx(domain, 10, "mx." + domain, 300).a("mx." + domain, "127.0.0.1", 300)
                        .txt("_mta-sts." + domain, "v=STSv1; id=7;", 300).a("mta-sts." + domain, "127.0.0.1", 300);
            }
            MailMessage enforced = send(producer, messages, Fixtures.transactional("ann@enforce.test", "Receipt", "Thanks").build());
            MailMessage tested = send(producer, messages, Fixtures.transactional("bob@testing.test", "Receipt", "Thanks").build());
            producer.flush();

            DispatcherConfig config = DispatcherConfig.builder()
                    .bootstrapServers(STACK.bootstrapServers()).schemaRegistryUrl(STACK.schemaRegistryUrl())
                    .smtpHost("unused.invalid").bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                    .groupId("mta-sts-it").dispatcherId("sts-1").pollTimeout(Duration.ofMillis(100))
                    .shutdownGracePeriod(Duration.ofSeconds(10))
                    .deliveryMode(DeliveryMode.DIRECT_MX).allowPrivateAddresses(true).dnsResolver(dns.address())
                    .directPort(mx.port()).directTls(TlsSettings.OPPORTUNISTIC)
                    .mtaSts(MtaStsSettings.defaults().withPolicyPort(policies.port()).withTrustedCa(caPem))
                    .build();
            DeliveryEventsTopic topic = new DeliveryEventsTopic(STACK.bootstrapServers(), events);
            try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
                dispatcher.start();
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        !topic.of(List.of(enforced), Outcome.DEFERRED).isEmpty()
                                && !topic.of(List.of(tested), Outcome.DELIVERED).isEmpty());
            }

            assertThat(topic.of(List.of(enforced), Outcome.DEFERRED).getFirst()).satisfies(e -> {
                assertThat(e.getReplyText()).startsWith("MTA-STS enforce (id 7) requires TLS").contains("PKIX");
                assertThat(e.getTlsPolicy()).isEqualTo("MTA-STS enforce (id 7)");
            });
            assertThat(topic.of(List.of(tested), Outcome.DELIVERED).getFirst().getTlsPolicy()).isEqualTo("MTA-STS testing (id 7)");
            assertThat(mx.received()).extracting(r -> r.recipients().getFirst()).containsExactly("bob@testing.test");
        }
    }

    private static MailMessage send(KafkaProducer<byte[], byte[]> producer, AvroSerde<MailMessage> serde, MailMessage m) {
        MailMessage stamped = MailMessage.newBuilder(m).setCreatedAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONAL, stamped.getRoutingKey().getBytes(StandardCharsets.UTF_8),
                serde.serializer().serialize(Topics.TRANSACTIONAL, stamped)));
        return stamped;
    }
}
