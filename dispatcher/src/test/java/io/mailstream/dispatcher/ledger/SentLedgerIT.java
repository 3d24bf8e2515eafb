package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.DispatcherClients;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.config.KafkaClientProperties;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.embedded.smtp.SinkRule;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sent-ledger on the real embedded broker: a dispatcher that delivers mail and writes its
 * events but dies before committing them (its commits are swallowed, as if it was killed between
 * the acknowledgement of its writes and its next commit) is replaced by a second one in the same
 * group, which must neither mail those messages again nor write a second event for them.
 */
class SentLedgerIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final String CAMPAIGN = "ledger-c1";
    private static final Domain DEFERRING = Domain.of("later.example");

    private SchemaRegistry registry;
    private AvroSerde<MailMessage> messages;
    private AvroSerde<DeliveryEvent> events;
    /** SMTP transactions attempted per recipient, by both dispatchers (deferred ones never reach the sink's count). */
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    /** Offset commits of the first dispatcher that reached Kafka. */
    private final java.util.concurrent.atomic.AtomicInteger commitsThrough = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        STACK.sink().clearRules();
        STACK.sink().reset();
        STACK.sink().addRule(SinkRule.deferDomain(DEFERRING, 451, "4.7.1", "try again later"));
        attempts.clear();
        commitsThrough.set(0);
        registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        messages = AvroSerde.forValue(MailMessage.class, registry);
        events = AvroSerde.forValue(DeliveryEvent.class, registry);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(CAMPAIGN), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(CAMPAIGN).build()))).get();
        }
    }

    @Test
    void outcomesWrittenButNeverCommittedShouldNotBeRepeatedByTheNextOwner() throws Exception {
        String group = "ledger-never-committed";
        List<MailMessage> sent = publishMix("n", 1200);

        AtomicBoolean swallowCommits = new AtomicBoolean(true);
        runFirstUntilHalfDone(group, sent, swallowCommits, () -> { });
        assertThat(committedOffsets(group)).as("the first dispatcher never committed").isEmpty();

        runSecondToTheEnd(group, sent);

        assertEveryMessageHandledExactlyOnce(sent);
    }

    @Test
    void outcomesWrittenAfterTheLastCommitShouldNotBeRepeatedByTheNextOwner() throws Exception {
        String group = "ledger-committed-then-died";
        List<MailMessage> sent = publishMix("c", 1200);

        // Commits go through for a while (their metadata carries their time), then the dispatcher "dies":
        // everything it does from then on is acknowledged by Kafka but never committed.
        AtomicBoolean swallowCommits = new AtomicBoolean(false);
        runFirstUntilHalfDone(group, sent, swallowCommits, () -> {
            long quarter = sent.size() / 4;
            // Both: a fast first dispatcher can reach a quarter before its first commit interval is up.
            await().atMost(Duration.ofSeconds(60)).until(() -> attempted(sent) >= quarter && commitsThrough.get() > 0);
            swallowCommits.set(true);
        });
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
        assertThat(committed).as("the first dispatcher committed before it died").isNotEmpty();
        assertThat(committed.values()).allSatisfy(c -> assertThat(CompletedOffsets.committedAt(c.metadata())).isPresent());

        runSecondToTheEnd(group, sent);

        assertEveryMessageHandledExactlyOnce(sent);
    }

    private void runFirstUntilHalfDone(String group, List<MailMessage> sent, AtomicBoolean swallowCommits, Runnable meanwhile)
            throws Exception {
        DispatcherConfig config = config(group, "ledger-1", Duration.ofMillis(400));
        DispatcherClients real = DispatcherClients.kafka(config);
        real.mail().close();
        KafkaConsumer<byte[], byte[]> mail = new KafkaConsumer<>(KafkaClientProperties.mailConsumer(config)) {
            @Override
            public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                if (!swallowCommits.get()) {
                    super.commitSync(offsets);
                    if (!offsets.isEmpty()) {
                        commitsThrough.incrementAndGet();
                    }
                }
            }
        };
        DispatcherClients clients = new DispatcherClients(mail, real.campaigns(), real.suppressions(), real.producer(),
                real.deliveryEvents());
        try (Dispatcher first = new Dispatcher(config, registry, clients, countingTransport(config), Clock.systemUTC())) {
            first.start();
            meanwhile.run();
            await().atMost(Duration.ofSeconds(60)).until(() -> attempted(sent) >= sent.size() / 2);
        } // stopped mid-stream without a commit of what it did last
        assertThat(attempted(sent)).as("the first dispatcher stopped before the end").isLessThan(sent.size());
    }

    private void runSecondToTheEnd(String group, List<MailMessage> sent) throws Exception {
        DispatcherConfig config = config(group, "ledger-2", Duration.ofSeconds(10));
        try (Dispatcher second = new Dispatcher(config, registry, DispatcherClients.kafka(config), countingTransport(config),
                Clock.systemUTC())) {
            second.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> eventsPerMessage(sent).size() == sent.size());
            // Whatever the second one would repeat, it repeats as it meets the records: let it reach the end.
            await().atMost(Duration.ofSeconds(60)).until(() -> committedToTheEnd(group));
        }
    }

    private void assertEveryMessageHandledExactlyOnce(List<MailMessage> sent) {
        Map<String, List<DeliveryEvent>> perMessage = eventsPerMessage(sent);
        assertThat(perMessage).hasSize(sent.size());
        for (MailMessage m : sent) {
            List<DeliveryEvent> of = perMessage.get(m.getMessageId());
            assertThat(of).as("events of %s", m.getTo()).hasSize(1);
            Outcome expected = m.getTo().endsWith("@" + DEFERRING.asString()) ? Outcome.DEFERRED : Outcome.DELIVERED;
            assertThat(of.get(0).getOutcome()).as(m.getTo()).isEqualTo(expected);
            assertThat(attempts.get(m.getTo())).as("SMTP transactions for %s", m.getTo()).isEqualTo(1);
        }
        long deferred = sent.stream().filter(m -> m.getTo().endsWith("@" + DEFERRING.asString())).count();
        assertThat(sent).filteredOn(m -> !m.getTo().endsWith("@" + DEFERRING.asString()))
                .allSatisfy(m -> assertThat(STACK.sink().count(EmailAddress.parse(m.getTo()))).as(m.getTo()).isOne());
        Set<String> ids = sent.stream().map(MailMessage::getMessageId).collect(Collectors.toSet());
        Map<String, Long> retries = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicContents.readAll(STACK.bootstrapServers(),
                Topics.retryTopic(Topics.RETRY_DELAYS.get(0)))) {
            MailMessage retry = messages.decode(r);
            if (ids.contains(retry.getMessageId())) {
                retries.merge(retry.getMessageId(), 1L, Long::sum);
            }
        }
        assertThat(retries).as("one retry record per deferred message").hasSize((int) deferred).allSatisfy((id, n) -> assertThat(n).isOne());
    }

    private long attempted(List<MailMessage> of) {
        return of.stream().filter(m -> attempts.containsKey(m.getTo())).count();
    }

    private static boolean committedToTheEnd(String group) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(group)) {
            Set<TopicPartition> partitions = outboundPartitions(c);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(partitions);
            return partitions.stream().allMatch(tp -> end.get(tp) == 0
                    || committed.get(tp) != null && committed.get(tp).offset() >= end.get(tp));
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Set<TopicPartition> outboundPartitions(KafkaConsumer<byte[], byte[]> c) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (PartitionInfo p : c.partitionsFor(Topics.OUTBOUND)) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        return partitions;
    }

    private MailTransport countingTransport(DispatcherConfig config) {
        MailTransport real = new SmtpConnectionPool(PoolSettings.defaults(), route -> new SmtpConnection(config.smtp()),
                Clock.systemUTC()).toRoute(config.smtp().route());
        return new MailTransport() {
            @Override
            public DeliveryOutcome send(RenderedMessage m) {
                attempts.merge(m.recipient().asString(), 1, Integer::sum);
                return real.send(m);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    private DispatcherConfig config(String group, String id, Duration grace) {
        return DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                .groupId(group)
                .dispatcherId(id)
                .pollTimeout(Duration.ofMillis(100))
                .shutdownGracePeriod(grace)
                // About the ledger, not pacing: the 451 4.7.1 domain must not be suspended by adaptive backoff.
                .pacing(PacingProperties.parse(Map.of("aimd.cool-off", "0s")))
                .build();
    }

    /** Mail for four domains that accept and one that defers (one in six), spread over the partitions. */
    private List<MailMessage> publishMix(String tag, int count) {
        List<String> domains = List.of("l1.example", "l2.example", "l3.example", "l4.example", "l5.example",
                DEFERRING.asString());
        List<MailMessage> out = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                MailMessage m = Fixtures.campaignMessage(CAMPAIGN, tag + i + "@" + domains.get(i % domains.size()),
                        Map.of("name", "U" + i)).setCreatedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(m.getRoutingKey()),
                        messages.serializer().serialize(Topics.OUTBOUND, m)));
                out.add(m);
            }
            producer.flush();
        }
        return out;
    }

    private Map<String, List<DeliveryEvent>> eventsPerMessage(List<MailMessage> of) {
        Set<String> ids = of.stream().map(MailMessage::getMessageId).collect(Collectors.toSet());
        Map<String, List<DeliveryEvent>> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicContents.readAll(STACK.bootstrapServers(), Topics.DELIVERY_EVENTS)) {
            DeliveryEvent e = events.decode(r);
            if (ids.contains(e.getMessageId())) {
                out.computeIfAbsent(e.getMessageId(), k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(group)) {
            Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
            c.committed(outboundPartitions(c)).forEach((tp, o) -> {
                if (o != null) {
                    out.put(tp, o);
                }
            });
            return out;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return DeliveryEventsTopic.producer(STACK.bootstrapServers());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
