package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.metrics.DispatcherMetrics;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relaunching a campaign (the same deterministic message ids published again to
 * {@code mail.outbound}) on the real embedded broker: the sent-ledger keyed by message id sends
 * nothing twice and writes no second event, whether the dispatcher that delivered the first launch
 * is still running or was replaced by one that learns the past from {@code mail.delivery-events}.
 */
class RelaunchIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final String CAMPAIGN = "relaunch-c1";

    @TempDir
    Path stateDirs;

    private SchemaRegistry registry;
    private AvroSerde<MailMessage> messages;
    private AvroSerde<DeliveryEvent> events;

    @BeforeEach
    void setUp() throws Exception {
        STACK.sink().clearRules();
        STACK.sink().reset();
        registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        messages = AvroSerde.forValue(MailMessage.class, registry);
        events = AvroSerde.forValue(DeliveryEvent.class, registry);
        try (KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(CAMPAIGN), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(CAMPAIGN).build()))).get();
        }
    }

    @Test
    void relaunchAfterAFullDeliveryShouldSendNothingEvenToANewDispatcher() throws Exception {
        List<MailMessage> campaign = recipients("full", 300);
        String group = "relaunch-full";
        startGroupAtTheEnd(group);

        publish(campaign);
        try (Dispatcher first = start(group, "relaunch-full-1", Optional.empty(), new SimpleMeterRegistry())) {
            awaitOneEventEach(campaign);
        }
        assertThat(STACK.sink().countsByRecipient()).hasSize(campaign.size());

        // A new dispatcher, with a new (temporary) ledger store: it learns what was sent from mail.delivery-events.
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Dispatcher second = start(group, "relaunch-full-2", Optional.empty(), meters)) {
            publish(campaign);
            await().atMost(Duration.ofSeconds(60)).until(() -> duplicatesSkipped(meters) >= campaign.size());
        }

        assertEachMailedOnceWithOneEvent(campaign);
        assertThat(duplicatesSkipped(meters)).isEqualTo(campaign.size());
    }

    @Test
    void relaunchAfterAHalfFailedLaunchShouldSendOnlyTheRest() throws Exception {
        List<MailMessage> campaign = recipients("half", 300);
        List<MailMessage> firstHalf = campaign.subList(0, campaign.size() / 2);
        String group = "relaunch-half";
        startGroupAtTheEnd(group);
        Optional<Path> stateDir = Optional.of(stateDirs.resolve("relaunch-half"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        // The first launch died half way: only the first half reached mail.outbound.
        publish(firstHalf);
        try (Dispatcher dispatcher = start(group, "relaunch-half-1", stateDir, meters)) {
            awaitOneEventEach(firstHalf);
            publish(campaign); // relaunched while the dispatcher runs
            awaitOneEventEach(campaign);
            await().atMost(Duration.ofSeconds(60)).until(() -> duplicatesSkipped(meters) >= firstHalf.size());
        }

        assertEachMailedOnceWithOneEvent(campaign);
        assertThat(duplicatesSkipped(meters)).isEqualTo(firstHalf.size());

        // And once more after a restart on the same ledger.state-dir (resumed from its stored positions): nothing.
        SimpleMeterRegistry again = new SimpleMeterRegistry();
        try (Dispatcher restarted = start(group, "relaunch-half-1", stateDir, again)) {
            publish(campaign);
            await().atMost(Duration.ofSeconds(60)).until(() -> duplicatesSkipped(again) >= campaign.size());
        }
        assertEachMailedOnceWithOneEvent(campaign);
    }

    private Dispatcher start(String group, String id, Optional<Path> stateDir, SimpleMeterRegistry meters) {
        DispatcherConfig config = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                .groupId(group)
                .dispatcherId(id)
                .pollTimeout(Duration.ofMillis(100))
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .sentLedger(new SentLedgerSettings(SentLedgerSettings.DEFAULT_HORIZON, stateDir))
                .build();
        Dispatcher d = Dispatcher.create(config, registry, Clock.systemUTC(), meters);
        d.start();
        // Assigned before the relaunch is published: on assignment a new owner also reads back the events written
        // since its group's last commit (OutcomesSinceCommit); the records published later are the sent-ledger's alone.
        await().atMost(Duration.ofSeconds(30)).until(() -> d.health().readiness().up());
        return d;
    }

    /** The group's offsets at the current end of mail.outbound: what other tests of this class published is not ours to count. */
    private static void startGroupAtTheEnd(String group) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.OUTBOUND).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            c.endOffsets(partitions).forEach((tp, end) -> ends.put(tp, new OffsetAndMetadata(end)));
            c.commitSync(ends);
        }
    }

    private static double duplicatesSkipped(SimpleMeterRegistry meters) {
        var counter = meters.find(DispatcherMetrics.SKIPPED_AS_DUPLICATE).functionCounter();
        return counter == null ? 0 : counter.count();
    }

    private List<MailMessage> recipients(String tag, int count) {
        List<String> domains = List.of("r1.example", "r2.example", "r3.example", "r4.example");
        List<MailMessage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Fixtures.campaignMessage(CAMPAIGN, tag + i + "@" + domains.get(i % domains.size()), Map.of("name", "U" + i))
                    .setCreatedAt(Instant.now()).build());
        }
        return out;
    }

    private void publish(List<MailMessage> of) {
        try (KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            for (MailMessage m : of) {
                producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(m.getRoutingKey()),
                        messages.serializer().serialize(Topics.OUTBOUND, m)));
            }
            producer.flush();
        }
    }

    private void awaitOneEventEach(List<MailMessage> of) {
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsPerMessage(of).size() == of.size());
    }

    private void assertEachMailedOnceWithOneEvent(List<MailMessage> of) {
        Map<String, List<DeliveryEvent>> perMessage = eventsPerMessage(of);
        assertThat(perMessage).hasSize(of.size());
        assertThat(perMessage.values()).allSatisfy(e -> assertThat(e).hasSize(1));
        assertThat(of).allSatisfy(m -> assertThat(STACK.sink().count(EmailAddress.parse(m.getTo()))).as(m.getTo()).isOne());
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
