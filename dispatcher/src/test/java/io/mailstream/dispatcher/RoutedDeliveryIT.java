package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.config.DeliverySettings;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.pool.CircuitState;
import io.mailstream.dispatcher.pool.DestinationStats;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.sending.SourceSelection;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dispatcher built by {@link Dispatcher#create} from configuration alone, in DIRECT_MX mode on
 * the embedded stack: mail for a healthy domain goes over pooled, reused connections bound to the
 * addresses of its sending pool (campaign vs transactional), while mail for a domain whose only MX
 * refuses connections is deferred to the retry topic (its circuit opens) and never bounced.
 */
class RoutedDeliveryIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final String CAMPAIGN = "routed-c1";
    private static final int MAX_CONNECTIONS = 4;

    @Test
    void configuredDispatcherShouldPoolBindSourceAddressesAndDeferMailForADeadMxHost() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        try (LocalDnsServer dns = new LocalDnsServer();
             ScriptedSmtpServer mx = new ScriptedSmtpServer(InetAddress.getByName("127.0.0.1"), 0);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            dns.mx("ok.test", 10, "mx.ok.test", 300).a("mx.ok.test", "127.0.0.1", 300)
                    .mx("dead.test", 10, "mx.dead.test", 300).a("mx.dead.test", "127.0.0.3", 300);
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(CAMPAIGN), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(CAMPAIGN).build()))).get();

            List<MailMessage> bulk = new ArrayList<>();
            List<MailMessage> receipts = new ArrayList<>();
            List<MailMessage> dead = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                bulk.add(send(producer, messages, Topics.OUTBOUND,
                        Fixtures.campaignMessage(CAMPAIGN, "bulk" + i + "@ok.test", Map.of("name", "U" + i))));
            }
            for (int i = 0; i < 10; i++) {
                receipts.add(send(producer, messages, Topics.TRANSACTIONAL, Fixtures.transactional("tx" + i + "@ok.test", "Receipt", "Thanks")));
                dead.add(send(producer, messages, Topics.OUTBOUND,
                        Fixtures.campaignMessage(CAMPAIGN, "gone" + i + "@dead.test", Map.of("name", "D" + i))));
            }
            producer.flush();

            DispatcherConfig config = DispatcherConfig.builder()
                    .bootstrapServers(STACK.bootstrapServers()).schemaRegistryUrl(STACK.schemaRegistryUrl())
                    .smtpHost("unused.invalid").bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                    .groupId("routed-it").dispatcherId("routed-1").pollTimeout(Duration.ofMillis(100))
                    .shutdownGracePeriod(Duration.ofSeconds(10))
                    .deliveryMode(DeliveryMode.DIRECT_MX).allowPrivateAddresses(true).dnsResolver(dns.address())
                    .directPort(mx.port()).directTls(TlsSettings.NONE)
                    .sendingPool("default", SourceSelection.ROUND_ROBIN, "127.0.0.1", "127.0.0.2/mta2.acme.example")
                    .sendingPool("transactional", SourceSelection.ROUND_ROBIN, "127.0.0.4")
                    .circuitBreaker(CircuitBreakerSettings.afterConsecutiveFailures(3, Duration.ofHours(1)))
                    .engine(DeliverySettings.defaults()
                            .withEngine(new EngineSettings(8, 4, EngineSettings.DEFAULT_MAX_BUFFERED_PER_PARTITION,
                                    EngineSettings.DEFAULT_MAX_BUFFERED, EngineSettings.DEFAULT_COMMIT_INTERVAL))
                            .withPool(new PoolSettings(MAX_CONNECTIONS, 1000, Duration.ofSeconds(30))))
                    .build();

            List<DestinationStats> stats;
            try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
                dispatcher.start();
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        eventsOf(events, bulk, Outcome.DELIVERED).size() == 20
                                && eventsOf(events, receipts, Outcome.DELIVERED).size() == 10
                                && eventsOf(events, dead, Outcome.DEFERRED).size() == 10);
                stats = dispatcher.connectionStats();
            }

            assertThat(eventsOf(events, dead, null)).allSatisfy(e -> assertThat(e.getOutcome()).isEqualTo(Outcome.DEFERRED));
            // The TLS policy that governed each attempt travels in the event (no MTA-STS record here: the configured one).
            assertThat(eventsOf(events, bulk, Outcome.DELIVERED)).allSatisfy(e -> assertThat(e.getTlsPolicy()).isEqualTo("direct.tls=NONE"));
            assertThat(eventsOf(events, dead, Outcome.DEFERRED)).filteredOn(e -> e.getReplyText().contains("circuit open"))
                    .hasSizeGreaterThanOrEqualTo(10 - 3 - 4);
            Set<String> deadIds = ids(dead);
            long retried = TopicContents.readAll(STACK.bootstrapServers(), Topics.retryTopic(Topics.RETRY_DELAYS.get(0))).stream()
                    .map(messages::decode).filter(m -> deadIds.contains(m.getMessageId())).count();
            assertThat(retried).isEqualTo(10);

            assertThat(mx.received()).hasSize(30);
            assertThat(mx.received()).allSatisfy(r -> {
                String client = ((InetSocketAddress) r.session().getRemoteAddress()).getAddress().getHostAddress();
                if (r.recipients().get(0).startsWith("tx")) {
                    assertThat(client).isEqualTo("127.0.0.4");
                } else {
                    assertThat(client).isIn("127.0.0.1", "127.0.0.2");
                }
            });
            // Per-IP identity: 127.0.0.2 announces its own EHLO name, the others the dispatcher's; each event says which.
            assertThat(mx.received()).allSatisfy(r -> {
                String client = ((InetSocketAddress) r.session().getRemoteAddress()).getAddress().getHostAddress();
                assertThat(r.session().getHelo()).contains(client.equals("127.0.0.2") ? "mta2.acme.example" : "bounce.acme.example");
            });
            assertThat(eventsOf(events, bulk, Outcome.DELIVERED)).allSatisfy(e -> assertThat(e.getEhloName())
                    .isEqualTo("127.0.0.2".equals(e.getSendingIp()) ? "mta2.acme.example" : "bounce.acme.example"))
                    .extracting(DeliveryEvent::getSendingIp).containsOnly("127.0.0.1", "127.0.0.2");
            assertThat(eventsOf(events, receipts, Outcome.DELIVERED)).extracting(DeliveryEvent::getSendingIp).containsOnly("127.0.0.4");
            assertThat(mx.received().stream().map(r -> ((InetSocketAddress) r.session().getRemoteAddress()).getAddress()
                    .getHostAddress()).collect(Collectors.toSet())).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2", "127.0.0.4");
            // Reused connections: at most MAX_CONNECTIONS per (MX host, source address), far fewer than 30 messages.
            assertThat(mx.sessions()).isLessThanOrEqualTo(3 * MAX_CONNECTIONS);
            assertThat(stats).filteredOn(s -> s.destination().security().serverName().equals("mx.dead.test"))
                    .isNotEmpty().allSatisfy(s -> assertThat(s.circuit()).isEqualTo(CircuitState.OPEN));
            assertThat(stats).filteredOn(s -> s.destination().security().serverName().equals("mx.ok.test"))
                    .hasSize(3).allSatisfy(s -> assertThat(s.circuit()).isEqualTo(CircuitState.CLOSED));
        }
    }

    private static MailMessage send(KafkaProducer<byte[], byte[]> producer, AvroSerde<MailMessage> serde, String topic,
                                    MailMessage.Builder builder) {
        MailMessage m = builder.setCreatedAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(topic, utf8(m.getRoutingKey()), serde.serializer().serialize(topic, m)));
        return m;
    }

    private static Set<String> ids(List<MailMessage> of) {
        return of.stream().map(MailMessage::getMessageId).collect(Collectors.toSet());
    }

    private static List<DeliveryEvent> eventsOf(AvroSerde<DeliveryEvent> serde, List<MailMessage> of, Outcome outcome) {
        Set<String> ids = ids(of);
        List<DeliveryEvent> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicContents.readAll(STACK.bootstrapServers(), Topics.DELIVERY_EVENTS)) {
            DeliveryEvent e = serde.decode(r);
            if (ids.contains(e.getMessageId()) && (outcome == null || e.getOutcome() == outcome)) {
                out.add(e);
            }
        }
        return out;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
