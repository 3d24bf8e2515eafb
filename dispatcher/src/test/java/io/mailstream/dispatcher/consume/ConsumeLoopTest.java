package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.CampaignState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.ledger.CompletedOffsets;
import io.mailstream.dispatcher.lane.LaneSettings;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.policy.BreakerSettings;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.throttle.AdaptiveSettings;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.dispatcher.throttle.PoolNames;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.suppress.SuppressionList;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.registry.NotAvroSchemaException;
import io.mailstream.schemas.registry.RegisteredSchema;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.registry.UnknownSchemaIdException;
import io.mailstream.schemas.serde.WireFormat;
import io.mailstream.testkit.MutableClock;
import java.util.Optional;
import org.apache.avro.Schema;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import io.mailstream.dispatcher.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import static org.awaitility.Awaitility.await;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class ConsumeLoopTest {
    private static final TopicPartition OUT = new TopicPartition(Topics.OUTBOUND, 0);
    private static final TopicPartition TX = new TopicPartition(Topics.TRANSACTIONAL, 0);
    private static final TopicPartition RETRY1 = new TopicPartition(Topics.retryTopic(Topics.RETRY_DELAYS.get(0)), 0);

    private final InMemorySchemaRegistry known = new InMemorySchemaRegistry();
    /** The ids a registry replica does not know yet, and whether the registry is reachable at all. */
    private final Set<Integer> hiddenIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean registryDown;
    /** Ids a later registration would give to schemas the in-memory registry already knows under another id. */
    private final Map<Integer, Integer> aliases = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<Integer> protobufIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final SchemaRegistry registry = new SchemaRegistry() {
        @Override
        public int register(String subject, Schema schema) {
            return known.register(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            if (registryDown) {
                throw new SchemaRegistryException("registry unreachable (test)", new java.net.ConnectException("refused"));
            }
            if (hiddenIds.contains(id)) {
                throw new UnknownSchemaIdException(id, "test");
            }
            if (protobufIds.contains(id)) {
                throw new NotAvroSchemaException(id, "PROTOBUF", "test", "");
            }
            return known.schemaById(aliases.getOrDefault(id, id));
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return known.isCompatible(subject, schema);
        }

        @Override
        public Optional<RegisteredSchema> latest(String subject) {
            return known.latest(subject);
        }
    };
    private final AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
    private final AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final CampaignCache campaigns = new CampaignCache();
    private final SuppressionList suppressions = new SuppressionList(clock);
    private final List<String> sentTo = new CopyOnWriteArrayList<>();
    private final AtomicReference<CountDownLatch> blockOn = new AtomicReference<>();
    /** With {@link #blockOn}: transactional recipients (example.org) are not blocked. */
    private volatile boolean campaignOnlyBlocked;
    private ConsumeLoop loop;

    /** Delivers everything except recipients named "later", which are deferred with 451. */
    private final MailTransport transport = new MailTransport() {
        @Override
        public DeliveryOutcome send(RenderedMessage m) {
            CountDownLatch gate = blockOn.get();
            if (gate != null && !(campaignOnlyBlocked && m.recipient().asString().endsWith("@example.org"))) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sentTo.add(m.recipient().asString());
            if (m.recipient().localPart().equals("later")) {
                return DeliveryOutcome.Deferred.byReply(SmtpReply.of(451, "451 4.3.0 later"), "sink");
            }
            return new DeliveryOutcome.Delivered(SmtpReply.of(250, "250 2.0.0 ok"), "sink");
        }

        @Override
        public void close() {
        }
    };

    /** Tests with this tag run the loop as the service does: workers wait for their event's acknowledgement. */
    private static final String AWAITS_EVENT_ACK = "awaits-event-ack";
    /** Tests with this tag let a worker's one latest event go unacknowledged when it starts its next transaction. */
    private static final String ACK_WINDOW_ONE = "ack-window-one";
    /** Tests with this tag run with the default transactional lane: workers reserved for transactional mail. */
    private static final String RESERVED_LANE = "reserved-lane";
    /** Tests with this tag pace example.com at one message per second (of the test's clock). */
    private static final String ONE_PER_SECOND = "one-per-second";

    @BeforeEach
    void setUp(TestInfo test) {
        campaigns.upsert("c1", Fixtures.campaign("c1").build());
        MessageProcessor processor = new MessageProcessor(campaigns, suppressions,
                new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")), clock), transport, clock,
                Duration.ofMillis(20), test.getTags().contains(ONE_PER_SECOND) ? onePerSecondToExampleCom() : Pacing.unlimited(clock));
        loop = new ConsumeLoop(consumer, producer, registry, processor, clock, "d1", Duration.ofMillis(1),
                new EngineSettings(1, 1, 100, 1000, Duration.ZERO, ackWindow(test),
                        // One worker in all, so that tests see the order of the queues, unless a test is about the reserve.
                        test.getTags().contains(RESERVED_LANE) ? LaneSettings.defaults() : new LaneSettings(0, 1000)), RetryPolicy.withMaxAge(Duration.ofDays(3)), Duration.ofSeconds(5));
        loop.subscribe();
        consumer.rebalance(List.of(OUT, TX, RETRY1));
        consumer.updateBeginningOffsets(Map.of(OUT, 0L, TX, 0L, RETRY1, 0L));
    }

    private Pacing onePerSecondToExampleCom() {
        TrafficPolicy slow = new TrafficPolicy("slow", new PolicyMatcher.Domains(Set.of(Domain.of("example.com"))),
                java.util.OptionalInt.of(1), java.util.OptionalInt.empty(), 10, 100, BreakerSettings.DEFAULTS);
        return new Pacing(new TrafficPolicies(List.of(slow), TrafficPolicy.defaults(), d -> List.of(), clock), DomainShards.NONE,
                PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, WarmupBudget.NONE, clock);
    }

    @AfterEach
    void tearDown() {
        loop.shutdown(Duration.ofMillis(200));
    }

    /** Polls until every record in memory is delivered and its outcome written (held ones excepted). */
    private void settle() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            loop.pollOnce();
            return loop.bufferedRecords() == loop.heldRecords();
        });
    }

    /** As {@link #settle()}, acknowledging writes as they come: a deferred message's worker waits for its retry record's ack. */
    private void settleAcking() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            ackAll();
            loop.pollOnce();
            return loop.bufferedRecords() == loop.heldRecords();
        });
    }

    private long offsetOut;
    private long offsetTx;
    private long offsetRetry;

    private MailMessage add(TopicPartition tp, MailMessage m) {
        addRaw(tp, messages.serializer().serialize(tp.topic(), m));
        return m;
    }

    private void addRaw(TopicPartition tp, byte[] value) {
        long offset = tp.equals(OUT) ? offsetOut++ : tp.equals(TX) ? offsetTx++ : offsetRetry++;
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset,
                "example.com".getBytes(StandardCharsets.UTF_8), value));
    }

    private static MailMessage campaignMail(String to) {
        return Fixtures.campaignMessage("c1", to, Map.of("name", "N")).build();
    }

    private List<DeliveryEvent> deliveryEvents() {
        List<DeliveryEvent> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : producer.history()) {
            if (r.topic().equals(Topics.DELIVERY_EVENTS)) {
                out.add(events.deserializer().deserialize(r.topic(), r.value()));
            }
        }
        return out;
    }

    private List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private void ackAll() {
        while (producer.completeNext()) {
            // acknowledge every outstanding write
        }
    }

    private Long committed(TopicPartition tp) {
        OffsetAndMetadata o = consumer.committed(Set.of(tp)).get(tp);
        return o == null ? null : o.offset();
    }

    @Test
    void corruptRecordsShouldBeDeadLetteredWithOriginalBytesWhileGoodOnesAreDelivered() throws Exception {
        add(OUT, campaignMail("a@example.com"));
        byte[] badMagic = {0x7b, 0x22, 0x61, 0x22, 0x7d, 0x00};
        // A Protobuf serializer's frame: same magic byte, an id the registry knows as a PROTOBUF schema.
        protobufIds.add(999);
        byte[] protobufFramed = {0x00, 0x00, 0x00, 0x03, (byte) 0xe7, 0x00, 0x0a, 0x02, 0x68, 0x69};
        addRaw(OUT, badMagic);
        addRaw(OUT, protobufFramed);
        add(OUT, campaignMail("b@example.com"));

        settle();
        ackAll();
        loop.pollOnce();

        assertThat(sentTo).containsExactly("a@example.com", "b@example.com");
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getOutcome).containsExactly(Outcome.DELIVERED, Outcome.DELIVERED);
        List<ProducerRecord<byte[], byte[]>> dead = sentTo(Topics.DEAD_LETTER);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).isEqualTo(badMagic);
        assertThat(dead.get(1).value()).isEqualTo(protobufFramed);
        assertThat(header(dead.get(1), OutcomePublisher.HEADER_ERROR)).contains("PROTOBUF");
        assertThat(header(dead.get(1), io.mailstream.schemas.topics.DeadLetters.HEADER_REASON)).isEqualTo("not-avro");
        assertThat(header(dead.get(0), io.mailstream.schemas.topics.DeadLetters.HEADER_REASON)).isEqualTo("corrupt");
        assertThat(loop.deadLettered()).isEqualTo(2);
        assertThat(header(dead.get(0), OutcomePublisher.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.OUTBOUND);
        assertThat(header(dead.get(0), OutcomePublisher.HEADER_SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(dead.get(0), OutcomePublisher.HEADER_ERROR)).contains("magic byte");
        assertThat(header(dead.get(1), OutcomePublisher.HEADER_SOURCE_OFFSET)).isEqualTo("2");
        assertThat(header(dead.get(1), OutcomePublisher.HEADER_SCHEMA_ID)).isEqualTo("999");
        assertThat(committed(OUT)).isEqualTo(4L);
    }

    /** A record framed with an id this registry replica does not know (yet): hidden ids resolve once unhidden. */
    private byte[] framedWithHiddenId(MailMessage m) {
        byte[] bytes = messages.serializer().serialize(Topics.OUTBOUND, m);
        aliases.put(4242, WireFormat.unframe(Topics.OUTBOUND, bytes).schemaId());
        hiddenIds.add(4242);
        java.nio.ByteBuffer.wrap(bytes).putInt(1, 4242);
        return bytes;
    }

    /** MockConsumer forgets records once polled; a broker would serve them again after the loop's seek. */
    private void replayOut(byte[]... values) {
        offsetOut = 0;
        for (byte[] v : values) {
            addRaw(OUT, v);
        }
    }

    @Test
    void unknownSchemaIdShouldBeReadAgainWithItsPartitionWaitingAndDeliveredOnceTheRegistryKnowsIt() throws Exception {
        byte[] a = framedWithHiddenId(campaignMail("a@example.com"));
        byte[] b = messages.serializer().serialize(Topics.OUTBOUND, campaignMail("b@example.com"));
        replayOut(a, b);

        loop.pollOnce();
        loop.pollOnce();

        assertThat(sentTo).as("b waits behind a: nothing overtakes a record of its partition").isEmpty();
        assertThat(sentTo(Topics.DEAD_LETTER)).isEmpty();
        assertThat(consumer.paused()).containsExactly(OUT);
        assertThat(consumer.position(OUT)).isZero();

        clock.advance(Duration.ofSeconds(30));
        hiddenIds.clear();
        replayOut(a, b);
        settle();

        assertThat(sentTo).containsExactly("a@example.com", "b@example.com");
        assertThat(sentTo(Topics.DEAD_LETTER)).isEmpty();
    }

    @Test
    void unknownSchemaIdShouldBeDeadLetteredOnlyAfterTheConfiguredWaitAndOnceForAllItsRecords() throws Exception {
        byte[] a = framedWithHiddenId(campaignMail("a@example.com"));
        byte[] a2 = framedWithHiddenId(campaignMail("a2@example.com")); // same unknown id: no second wait
        byte[] b = messages.serializer().serialize(Topics.OUTBOUND, campaignMail("b@example.com"));
        replayOut(a, a2, b);
        loop.pollOnce();
        int reads = 1;
        for (Duration waited = Duration.ZERO; waited.compareTo(UnknownSchemaPolicy.DEFAULT_MAX_WAIT) < 0;
                waited = waited.plusSeconds(5)) {
            assertThat(sentTo(Topics.DEAD_LETTER)).as("after %s", waited).isEmpty();
            clock.advance(Duration.ofSeconds(5));
            replayOut(a, a2, b);
            loop.pollOnce();
            reads++;
        }
        settle();
        ackAll();
        loop.pollOnce();

        assertThat(reads).isGreaterThan(10);
        assertThat(sentTo(Topics.DEAD_LETTER)).extracting(ProducerRecord::value).containsExactly(a, a2);
        assertThat(header(sentTo(Topics.DEAD_LETTER).get(0), OutcomePublisher.HEADER_ERROR)).contains("unknown");
        assertThat(sentTo).containsExactly("b@example.com");
        assertThat(committed(OUT)).isEqualTo(3L);
    }

    @Test
    void unreachableRegistryShouldBeWaitedForHoweverLongAndNeverDeadLetter() throws Exception {
        byte[] a = framedWithHiddenId(campaignMail("a@example.com"));
        hiddenIds.clear(); // the id is known: only the registry's outage stands in the way (the loop has not cached it)
        registryDown = true;
        replayOut(a);
        for (int i = 0; i < 40; i++) {
            loop.pollOnce();
            clock.advance(Duration.ofSeconds(10));
            replayOut(a);
        }
        assertThat(sentTo(Topics.DEAD_LETTER)).as("ten minutes of outage").isEmpty();
        assertThat(sentTo).isEmpty();

        registryDown = false;
        clock.advance(Duration.ofSeconds(10));
        replayOut(a);
        settle();

        assertThat(sentTo).containsExactly("a@example.com");
        assertThat(sentTo(Topics.DEAD_LETTER)).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void offsetsShouldBeCommittedOnlyAfterTheirEventsAreAcknowledged() throws Exception {
        add(OUT, campaignMail("a@example.com"));
        add(OUT, campaignMail("b@example.com"));

        settle();
        assertThat(sentTo).hasSize(2);
        assertThat(committed(OUT)).as("nothing acknowledged yet").isNull();

        producer.completeNext();
        loop.pollOnce();
        assertThat(committed(OUT)).isEqualTo(1L);

        producer.completeNext();
        loop.pollOnce();
        assertThat(committed(OUT)).isEqualTo(2L);
    }

    @Test
    @Tag(AWAITS_EVENT_ACK)
    void aWorkerShouldNotStartItsNextTransactionBeforeItsEventIsAcknowledged() {
        add(OUT, campaignMail("a@example.com"));
        add(OUT, campaignMail("b@example.com"));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            loop.pollOnce();
            return sentTo.size() == 1 && sentTo(Topics.DELIVERY_EVENTS).size() == 1;
        });
        // The only worker holds a's unacknowledged event: b must not be mailed meanwhile (a crash now repeats only a).
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> {
            loop.pollOnce();
            return sentTo.size() == 1;
        });

        producer.completeNext();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            loop.pollOnce();
            return sentTo.size() == 2 && sentTo(Topics.DELIVERY_EVENTS).size() == 2;
        });
        producer.completeNext();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            loop.pollOnce();
            return Long.valueOf(2L).equals(committed(OUT));
        });
        assertThat(sentTo).containsExactly("a@example.com", "b@example.com");
    }

    @Test
    @Tag(ACK_WINDOW_ONE)
    void aWorkerShouldStartNoTransactionWhileMoreOfItsEventsThanTheWindowAreUnacknowledged() {
        add(OUT, campaignMail("a@example.com"));
        add(OUT, campaignMail("b@example.com"));
        add(OUT, campaignMail("c@example.com"));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            loop.pollOnce();
            return sentTo.size() == 2 && sentTo(Topics.DELIVERY_EVENTS).size() == 2;
        });
        // a's and b's events are both unanswered, one more than the window: c must not be mailed (a crash now repeats a and b).
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> {
            loop.pollOnce();
            return sentTo.size() == 2;
        });

        producer.completeNext();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            loop.pollOnce();
            return sentTo.size() == 3 && sentTo(Topics.DELIVERY_EVENTS).size() == 3;
        });
        producer.completeNext();
        producer.completeNext();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            loop.pollOnce();
            return Long.valueOf(3L).equals(committed(OUT));
        });
        assertThat(sentTo).containsExactly("a@example.com", "b@example.com", "c@example.com");
    }

    private static EventAckWindow ackWindow(TestInfo test) {
        if (test.getTags().contains(AWAITS_EVENT_ACK)) {
            return EventAckWindow.awaitEach();
        }
        return test.getTags().contains(ACK_WINDOW_ONE) ? new EventAckWindow(1) : EventAckWindow.unbounded();
    }

    @Test
    void aRefusedWriteShouldStopCommitsAndRereadThePartitionFromThatRecord() throws Exception {
        add(OUT, campaignMail("a@example.com"));
        add(OUT, campaignMail("b@example.com"));
        add(OUT, campaignMail("c@example.com"));

        settle();
        producer.completeNext();
        producer.errorNext(new TimeoutException("broker gone"));
        producer.completeNext();
        loop.pollOnce();

        assertThat(committed(OUT)).isEqualTo(1L);
        assertThat(consumer.position(OUT)).isEqualTo(1L);
    }

    @Test
    void suppressedRecipientShouldGetASuppressedEventAndNoSmtp() throws Exception {
        suppressions.upsert("gone@example.com", Suppression.newBuilder().setAddress("gone@example.com")
                .setReason("userunknown").setSource(SuppressionSource.BOUNCE)
                .setFirstSeen(Fixtures.NOW).setLastSeen(Fixtures.NOW).build());
        add(OUT, campaignMail("Gone@Example.com"));

        settle();

        assertThat(sentTo).isEmpty();
        assertThat(deliveryEvents()).singleElement().satisfies(e -> {
            assertThat(e.getOutcome()).isEqualTo(Outcome.SUPPRESSED);
            assertThat(e.getReplyText()).contains("userunknown");
        });
    }

    @Test
    void messageOfACancelledCampaignShouldGetACancelledEvent() throws Exception {
        campaigns.upsert("c1", Fixtures.campaign("c1").setState(CampaignState.CANCELLED).build());
        add(OUT, campaignMail("a@example.com"));

        settle();

        assertThat(sentTo).isEmpty();
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getOutcome).containsExactly(Outcome.CANCELLED);
    }

    @Test
    @Tag(ONE_PER_SECOND)
    void aCancelledCampaignsBacklogShouldNotSpendThePacedRateThatTheMailBehindItWaitsFor() throws Exception {
        campaigns.upsert("gone", Fixtures.campaign("gone").setState(CampaignState.CANCELLED).build());
        for (int i = 0; i < 20; i++) {
            add(OUT, Fixtures.campaignMessage("gone", "user" + i + "@example.com", Map.of("name", "N")).build());
        }
        add(OUT, campaignMail("live@example.com"));

        // The test's clock moves one second in all: at one per second the live mail needs one permit, not 21.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            loop.pollOnce();
            return deliveryEvents().size() == 20;
        });
        clock.advance(Duration.ofSeconds(1));
        settle();

        assertThat(sentTo).containsExactly("live@example.com");
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getOutcome).containsOnly(Outcome.CANCELLED, Outcome.DELIVERED)
                .hasSize(21);
    }

    @Test
    void messageOfAnUnknownCampaignShouldBeRejectedAfterWaitingForIt() throws Exception {
        add(OUT, Fixtures.campaignMessage("nope", "a@example.com", Map.of()).build());

        settle();

        assertThat(deliveryEvents()).singleElement().satisfies(e -> {
            assertThat(e.getOutcome()).isEqualTo(Outcome.REJECTED);
            assertThat(e.getReplyText()).contains("campaign nope version 1 is unknown");
        });
    }

    @Test
    void messagesOfAnUnknownCampaignShouldNotEachWaitForIt() throws Exception {
        for (int i = 0; i < 50; i++) {
            add(OUT, Fixtures.campaignMessage("nope", "a" + i + "@example.com", Map.of()).build());
        }
        long start = System.nanoTime();

        settle();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(20L * 25));
        assertThat(deliveryEvents()).hasSize(50).extracting(DeliveryEvent::getOutcome).containsOnly(Outcome.REJECTED);
    }

    @Test
    void messageOfAPausedCampaignShouldBeSkippedWithoutMemoryAndItsPartitionReadAgainFromItWhenTheCampaignResumes()
            throws Exception {
        campaigns.upsert("c1", Fixtures.campaign("c1").setState(CampaignState.PAUSED).build());
        campaigns.upsert("c2", Fixtures.campaign("c2").build());
        byte[] a = messages.serializer().serialize(Topics.OUTBOUND, campaignMail("a@example.com"));
        byte[] b = messages.serializer().serialize(Topics.OUTBOUND,
                Fixtures.campaignMessage("c2", "b@example.com", Map.of("name", "N")).build());
        replayOut(a, b);
        add(TX, Fixtures.transactional("t@example.org", "Receipt", "ok").build());

        settleAcking();
        loop.pollOnce();

        assertThat(sentTo).containsExactly("t@example.org", "b@example.com");
        assertThat(loop.bufferedRecords()).as("the paused campaign's record is not in memory").isZero();
        assertThat(loop.heldRecords()).isZero();
        assertThat(loop.skippedForPausedCampaigns()).isEqualTo(1);
        assertThat(Optional.ofNullable(committed(OUT)).orElse(0L)).as("never committed past the skipped record").isZero();
        assertThat(loop.held()).containsEntry(OUT, "c1");

        campaigns.upsert("c1", Fixtures.campaign("c1").setState(CampaignState.SENDING).build());
        loop.pollOnce();
        assertThat(consumer.position(OUT)).as("read again from the first skipped record").isZero();
        replayOut(a, b);
        settleAcking();
        loop.pollOnce();

        assertThat(sentTo).as("b was delivered already: the sent-ledger skips it").containsExactly("t@example.org",
                "b@example.com", "a@example.com");
        assertThat(loop.skippedAsDuplicate()).isEqualTo(1);
        assertThat(loop.held()).isEmpty();
        // the commit follows the worker's acknowledged outcome on a later poll
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).untilAsserted(() -> {
            ackAll();
            loop.pollOnce();
            assertThat(committed(OUT)).isEqualTo(2L);
        });
    }

    @Test
    void aCampaignPausedWhileItsMessagesWereQueuedShouldLeaveMemoryAndBeReadAgainOnResume() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        blockOn.set(gate);
        campaigns.upsert("c2", Fixtures.campaign("c2").build());
        byte[] first = messages.serializer().serialize(Topics.OUTBOUND,
                Fixtures.campaignMessage("c2", "first@example.com", Map.of("name", "N")).build());
        byte[] a = messages.serializer().serialize(Topics.OUTBOUND, campaignMail("a@example.com"));
        replayOut(first, a);
        loop.pollOnce();
        campaigns.upsert("c1", Fixtures.campaign("c1").setState(CampaignState.PAUSED).build());
        gate.countDown(); // the worker now decides a while c1 is paused: held, then skipped
        settleAcking();
        loop.pollOnce();

        assertThat(sentTo).containsExactly("first@example.com");
        assertThat(loop.bufferedRecords()).isZero();
        assertThat(loop.held()).containsEntry(OUT, "c1");
        assertThat(committed(OUT)).isEqualTo(1L);

        campaigns.upsert("c1", Fixtures.campaign("c1").setState(CampaignState.SENDING).build());
        loop.pollOnce();
        replayOut(first, a);
        settleAcking();
        loop.pollOnce();

        assertThat(sentTo).containsExactly("first@example.com", "a@example.com");
        // the commit follows the worker's acknowledged outcome on a later poll
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).untilAsserted(() -> {
            ackAll();
            loop.pollOnce();
            assertThat(committed(OUT)).isEqualTo(2L);
        });
    }

    @Test
    @Tag(RESERVED_LANE)
    void campaignBackPressureShouldNeverPauseTheTransactionalLaneAndReservedWorkersShouldDeliverIt() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        blockOn.set(gate);
        campaignOnlyBlocked = true;
        for (int i = 0; i < 1000; i++) {
            add(OUT, campaignMail("u" + i + "@example.com"));
        }
        loop.pollOnce();
        loop.pollOnce();
        assertThat(consumer.paused()).as("campaign buffers are full").contains(OUT, RETRY1).doesNotContain(TX);

        add(TX, Fixtures.transactional("t@example.org", "Receipt", "ok").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            loop.pollOnce();
            return sentTo.contains("t@example.org");
        });

        assertThat(sentTo).as("the only campaign worker is still stuck in its first transaction").containsExactly("t@example.org");
        gate.countDown();
    }

    @Test
    void transactionalMailShouldBeServedBeforeCampaignMailOfTheSameBatch() throws Exception {
        add(OUT, campaignMail("a@example.com"));
        add(TX, Fixtures.transactional("t@example.org", "Receipt", "ok").build());

        settle();

        assertThat(sentTo).containsExactly("t@example.org", "a@example.com");
    }

    @Test
    void deferredMailShouldGetADeferredEventAndBeRepublishedToTheFirstRetryTopic() throws Exception {
        MailMessage m = add(OUT, campaignMail("later@example.com"));

        settleAcking();
        ackAll();
        loop.pollOnce();

        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .as("the retry record is written (and acknowledged) before the event that says the attempt is done")
                .containsExactly(Topics.retryTopic(Topics.RETRY_DELAYS.get(0)), Topics.DELIVERY_EVENTS);

        assertThat(deliveryEvents()).singleElement().satisfies(e -> {
            assertThat(e.getOutcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(e.getSmtpReplyCode()).isEqualTo(451);
        });
        List<ProducerRecord<byte[], byte[]>> retries = sentTo(Topics.retryTopic(Topics.RETRY_DELAYS.get(0)));
        assertThat(retries).singleElement().satisfies(r -> {
            MailMessage retry = messages.deserializer().deserialize(r.topic(), r.value());
            assertThat(retry.getMessageId()).isEqualTo(m.getMessageId());
            assertThat(retry.getAttempt()).isEqualTo(1);
            assertThat(retry.getNotBefore()).isEqualTo(Fixtures.NOW.plus(Topics.RETRY_DELAYS.get(0)));
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("example.com");
        });
        assertThat(committed(OUT)).isEqualTo(1L);
    }

    @Test
    void mailDeferredAgainShouldGoToTheNextRetryTopicWithALongerDelay() throws Exception {
        add(RETRY1, MailMessage.newBuilder(campaignMail("later@example.com")).setAttempt(1).setNotBefore(Fixtures.NOW).build());

        settleAcking();

        List<ProducerRecord<byte[], byte[]>> retries = sentTo(Topics.retryTopic(Topics.RETRY_DELAYS.get(1)));
        assertThat(retries).singleElement().satisfies(r -> {
            MailMessage retry = messages.deserializer().deserialize(r.topic(), r.value());
            assertThat(retry.getAttempt()).isEqualTo(2);
            assertThat(retry.getNotBefore()).isEqualTo(Fixtures.NOW.plus(Topics.RETRY_DELAYS.get(1)));
        });
    }

    @Test
    void mailDeferredPastTheMaximumAgeShouldExpireInsteadOfBeingRetried() throws Exception {
        add(RETRY1, MailMessage.newBuilder(campaignMail("later@example.com")).setAttempt(9)
                .setCreatedAt(Fixtures.NOW.minus(Duration.ofDays(3))).build());

        settle();

        assertThat(sentTo).containsExactly("later@example.com");
        assertThat(deliveryEvents()).singleElement().satisfies(e -> {
            assertThat(e.getOutcome()).isEqualTo(Outcome.EXPIRED);
            assertThat(e.getReplyText()).contains("gave up after 10 attempts").contains("451");
        });
        assertThat(producer.history()).noneMatch(r -> r.topic().startsWith(Topics.RETRY_PREFIX));
    }

    @Test
    void retryRecordShouldWaitForItsNotBeforeWithItsPartitionPausedWhileOtherMailFlows() throws Exception {
        add(RETRY1, MailMessage.newBuilder(campaignMail("a@example.com")).setAttempt(1)
                .setNotBefore(Fixtures.NOW.plusSeconds(60)).build());
        add(OUT, campaignMail("b@example.com"));

        settle();

        assertThat(sentTo).containsExactly("b@example.com");
        assertThat(consumer.paused()).containsExactly(RETRY1);
        assertThat(consumer.position(RETRY1)).isZero();

        clock.advance(Duration.ofSeconds(60));
        // MockConsumer forgets records once polled; a broker would fetch them again after the seek.
        offsetRetry = 0;
        add(RETRY1, MailMessage.newBuilder(campaignMail("a@example.com")).setAttempt(1)
                .setNotBefore(Fixtures.NOW.plusSeconds(60)).build());
        settle();

        assertThat(consumer.paused()).isEmpty();
        assertThat(sentTo).containsExactly("b@example.com", "a@example.com");
    }

    @Test
    void partitionShouldBePausedWhenItsRecordsFillTheBufferAndResumedWhenTheyDrain() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        blockOn.set(gate);
        for (int i = 0; i < 150; i++) {
            add(OUT, campaignMail("u" + i + "@example.com"));
        }

        loop.pollOnce();
        loop.pollOnce();

        assertThat(consumer.paused()).containsExactly(OUT);
        assertThat(loop.bufferedRecords()).isEqualTo(150);

        gate.countDown();
        settle();
        ackAll();
        loop.pollOnce();

        assertThat(consumer.paused()).isEmpty();
        assertThat(sentTo).hasSize(150);
        assertThat(committed(OUT)).isEqualTo(150L);
    }

    @Test
    void expiredMailShouldGetAnExpiredEventWithoutSmtp() throws Exception {
        add(OUT, Fixtures.campaignMessage("c1", "a@example.com", Map.of("name", "N"))
                .setExpiresAt(Fixtures.NOW.minusSeconds(1)).build());

        settle();

        assertThat(sentTo).isEmpty();
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getOutcome).containsExactly(Outcome.EXPIRED);
    }

    @Test
    void shutdownShouldFlushAndCommitWhatWasProcessed() throws Exception {
        add(OUT, campaignMail("a@example.com"));
        settle();

        loop.shutdown(Duration.ofSeconds(5));

        assertThat(committed(OUT)).isEqualTo(1L);
    }
}
