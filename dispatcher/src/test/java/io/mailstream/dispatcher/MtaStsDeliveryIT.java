package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.TlsFailureCount;
import io.mailstream.avro.TlsReportEntry;
import io.mailstream.avro.TlsReportEntryKind;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.tls.internal.TrustedCa;
import io.mailstream.dispatcher.tls.report.SubmitSettings;
import io.mailstream.dispatcher.tls.report.TlsReportSender;
import io.mailstream.dispatcher.tls.report.TlsReportSubmitter;
import io.mailstream.dispatcher.tls.report.TlsRptSettings;
import io.mailstream.dispatcher.tls.report.internal.TlsRptRecordLookup;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.mtasts.MtaStsSettings;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.testkit.dns.LocalDnsServer;
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

    /**
     * TLS-RPT through the running pipeline: a reporting dispatcher delivers to a testing-mode domain whose
     * MX certificate nobody trusts, its counts reach {@code mail.tls-reports} while it runs, and
     * {@code tlsrpt send} for the (finished) day posts one gzipped JSON report to the domain's https rua; a
     * second send posts nothing.
     */
    @Test
    void aReportingDispatchersCountsShouldReachTheTopicAndBeReportedOnce(@TempDir Path policyDir, @TempDir Path receiverDir)
            throws Exception {
        String domain = "report.test";
        TestCertificates policyHost = TestCertificates.forServers("mta-sts." + domain);
        TestCertificates untrusted = TestCertificates.forServers("mx." + domain);
        TestCertificates receiver = TestCertificates.forServer("localhost");
        Path caPem = policyHost.writeCaPem(policyDir);
        Path receiverCaPem = receiver.writeCaPem(receiverDir);
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        AvroSerde<TlsReportEntry> entries = AvroSerde.forValue(TlsReportEntry.class, registry);
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpsServer rua = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rua.setHttpsConfigurator(new HttpsConfigurator(receiver.serverContext()));
        rua.createContext("/tlsrpt", exchange -> {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        rua.start();
        try (LocalDnsServer dns = new LocalDnsServer();
             StsPolicyServer policies = new StsPolicyServer(policyHost.serverContext(), StsPolicyServer.policy("testing", "mx." + domain));
             TlsSmtpServer mx = TlsSmtpServer.starttls(untrusted.serverContext());
             KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     STACK.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            dns.mx(domain, 10, "mx." + domain, 300).a("mx." + domain, "127.0.0.1", 300)
                    .txt("_mta-sts." + domain, "v=STSv1; id=9;", 300).a("mta-sts." + domain, "127.0.0.1", 300)
                    .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=https://localhost:" + rua.getAddress().getPort() + "/tlsrpt", 300);
            send(producer, messages, Fixtures.transactional("ann@" + domain, "Receipt", "Thanks").build());
            send(producer, messages, Fixtures.transactional("bob@" + domain, "Receipt", "Thanks").build());
            producer.flush();
            DispatcherConfig config = DispatcherConfig.builder()
                    .bootstrapServers(STACK.bootstrapServers()).schemaRegistryUrl(STACK.schemaRegistryUrl())
                    .smtpHost("unused.invalid").bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                    .groupId("tls-rpt-it").dispatcherId("rpt-1").pollTimeout(Duration.ofMillis(100))
                    .shutdownGracePeriod(Duration.ofSeconds(10))
                    .deliveryMode(DeliveryMode.DIRECT_MX).allowPrivateAddresses(true).dnsResolver(dns.address())
                    .directPort(mx.port()).directTls(TlsSettings.OPPORTUNISTIC)
                    .mtaSts(MtaStsSettings.defaults().withPolicyPort(policies.port()).withTrustedCa(caPem))
                    .tlsRpt(TlsRptSettings.enabled(Duration.ofSeconds(1)))
                    .build();
            try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
                dispatcher.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> mx.received().size() == 2);
                // flushed while running, not only at shutdown
                await().atMost(Duration.ofSeconds(30)).until(() -> !counts(consumer, entries, domain).isEmpty());
            }
            List<TlsReportEntry> counted = counts(consumer, entries, domain);
            long failed = counted.stream().flatMap(e -> e.getFailures().stream()).mapToLong(TlsFailureCount::getSessions).sum();
            assertThat(counted).allSatisfy(e -> {
                assertThat(e.getWriter()).isEqualTo("rpt-1");
                assertThat(e.getSuccesses()).isZero();
                assertThat(e.getFailures()).extracting(TlsFailureCount::getResultType).containsOnly("certificate-not-trusted");
            });
            assertThat(failed).as("one session per connection, at least one").isPositive();

            // the day must be over: the sender runs "tomorrow"
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Clock tomorrow = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
            TlsReportSender sender = new TlsReportSender(consumer, producer, registry,
                    new TlsRptRecordLookup(Optional.of(new InetSocketAddress("127.0.0.1",
                            Integer.parseInt(dns.address().substring(dns.address().lastIndexOf(':') + 1)))), Duration.ofSeconds(5))::lookup,
                    new TlsReportSubmitter(new SubmitSettings("acme.example", "Acme", "mailto:tls@acme.example", "tls@acme.example",
                            new SmtpRoute("127.0.0.1", 1), Optional.of(TrustedCa.sslContext(receiverCaPem)), Duration.ofSeconds(10))),
                    "Acme", "mailto:tls@acme.example", tomorrow, Duration.ofSeconds(30));

            List<TlsReportSender.Outcome> first = sender.send(today);

            assertThat(first).filteredOn(o -> o.domain().asString().equals(domain)).singleElement()
                    .isInstanceOf(TlsReportSender.Sent.class);
            assertThat(contentTypes).containsExactly("application/tlsrpt+gzip");
            JsonNode report = new ObjectMapper().readTree(gunzip(bodies.getFirst()));
            assertThat(report.path("organization-name").asText()).isEqualTo("Acme");
            assertThat(report.path("date-range").path("start-datetime").asText()).isEqualTo(today + "T00:00:00Z");
            JsonNode policy = report.path("policies").get(0);
            assertThat(policy.path("policy").path("policy-domain").asText()).isEqualTo(domain);
            assertThat(policy.path("policy").path("policy-string").toString()).contains("mode: testing");
            assertThat(policy.path("summary").path("total-successful-session-count").asLong()).isZero();
            assertThat(policy.path("summary").path("total-failure-session-count").asLong()).isEqualTo(failed);
            assertThat(policy.path("failure-details").get(0).path("result-type").asText()).isEqualTo("certificate-not-trusted");

            List<TlsReportSender.Outcome> second = sender.send(today);

            assertThat(second).filteredOn(o -> o.domain().asString().equals(domain)).singleElement()
                    .isInstanceOf(TlsReportSender.AlreadySent.class);
            assertThat(bodies).as("nothing posted the second time").hasSize(1);
        } finally {
            rua.stop(0);
        }
    }

    private static List<TlsReportEntry> counts(KafkaConsumer<byte[], byte[]> consumer, AvroSerde<TlsReportEntry> serde, String domain) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TLS_REPORTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<TlsReportEntry> out = new java.util.ArrayList<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(serde.decode(r)));
        }
        return out.stream().filter(e -> e.getPolicyDomain().equals(domain) && e.getKind() == TlsReportEntryKind.COUNTS).toList();
    }

    private static String gunzip(byte[] gz) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static MailMessage send(KafkaProducer<byte[], byte[]> producer, AvroSerde<MailMessage> serde, MailMessage m) {
        MailMessage stamped = MailMessage.newBuilder(m).setCreatedAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONAL, stamped.getRoutingKey().getBytes(StandardCharsets.UTF_8),
                serde.serializer().serialize(Topics.TRANSACTIONAL, stamped)));
        return stamped;
    }
}
