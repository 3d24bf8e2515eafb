package io.mailstream.bounces.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.suppress.ManualSuppressions;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.TestReturnPaths;
import io.mailstream.bounces.topology.internal.RetryTransientProcessingExceptionHandler;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.FlakyRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BounceTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path stateDir;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<RawBounce> rawSerde = AvroSerde.forValue(RawBounce.class, registry);
    private final AvroSerde<DeliveryEvent> eventSerde = AvroSerde.forValue(DeliveryEvent.class, registry);
    private final AvroSerde<Suppression> suppressionSerde = AvroSerde.forValue(Suppression.class, registry);
    private final TopologyCounters counters = new TopologyCounters();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> suppressions;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestInputTopic<String, byte[]> written;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounce-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyConfig config = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
        driver = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(), config, registry, counters), props, T0);
        raw = driver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
        events = driver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
        suppressions = driver.createOutputTopic(Topics.SUPPRESSIONS, new StringDeserializer(), new ByteArrayDeserializer());
        written = driver.createInputTopic(Topics.SUPPRESSIONS, new StringSerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void hardBounceShouldSuppressTheAddressPermanently() {
        mailed("m1", "Alice@Example.org");
        receive("m1", SampleBounces.dsn("Alice@Example.org", "m1", "5.1.1", "550 5.1.1 <alice@example.org>: user unknown"), T0);

        List<TestRecord<String, byte[]>> out = suppressions.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("alice@example.org");
        Suppression s = decode(out.get(0));
        assertThat(s.getSource()).isEqualTo(SuppressionSource.BOUNCE);
        assertThat(s.getReason()).isEqualTo("userunknown");
        assertThat(s.getExpiresAt()).isNull();

        driver.advanceWallClockTime(Duration.ofDays(365));
        assertThat(suppressions.readRecordsToList()).isEmpty();
    }

    @Test
    void complaintShouldSuppressTheAddressPermanently() {
        mailed("m2", "bob@example.org");
        receive("m2", SampleBounces.complaint("bob@example.org", "m2"), T0);

        List<TestRecord<String, byte[]>> out = suppressions.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("bob@example.org");
        Suppression s = decode(out.get(0));
        assertThat(s.getSource()).isEqualTo(SuppressionSource.COMPLAINT);
        assertThat(s.getExpiresAt()).isNull();
    }

    @Test
    void softBouncesBelowTheThresholdShouldNotSuppress() {
        mailed("m3", "carol@example.org");
        receive("m3", mailboxFull("carol@example.org", "m3"), T0);
        mailed("m4", "carol@example.org");
        receive("m4", mailboxFull("carol@example.org", "m4"), T0.plus(Duration.ofDays(1)));
        // a third one, but outside the 7-day window of the first two
        mailed("m5", "carol@example.org");
        receive("m5", mailboxFull("carol@example.org", "m5"), T0.plus(Duration.ofDays(9)));

        assertThat(suppressions.readRecordsToList()).isEmpty();
    }

    @Test
    void threeSoftBouncesWithinTheWindowShouldSuppressForThirtyDaysThenWriteATombstone() {
        mailed("m3", "carol@example.org");
        receive("m3", mailboxFull("carol@example.org", "m3"), T0);
        mailed("m4", "carol@example.org");
        receive("m4", mailboxFull("carol@example.org", "m4"), T0.plus(Duration.ofDays(2)));
        Instant third = T0.plus(Duration.ofDays(5));
        mailed("m5", "carol@example.org");
        receive("m5", mailboxFull("carol@example.org", "m5"), third);

        List<TestRecord<String, byte[]>> out = suppressions.readRecordsToList();
        assertThat(out).hasSize(1);
        Suppression s = decode(out.get(0));
        assertThat(s.getReason()).isEqualTo("mailboxfull");
        assertThat(s.getExpiresAt()).isEqualTo(third.plus(Duration.ofDays(30)));

        // wall clock starts at T0: 35 days later the suppression has ended
        driver.advanceWallClockTime(Duration.ofDays(34));
        assertThat(suppressions.readRecordsToList()).isEmpty();
        driver.advanceWallClockTime(Duration.ofDays(2));
        List<TestRecord<String, byte[]>> tombstones = suppressions.readRecordsToList();
        assertThat(tombstones).hasSize(1);
        assertThat(tombstones.get(0).key()).isEqualTo("carol@example.org");
        assertThat(tombstones.get(0).value()).isNull();
    }

    @Test
    void bouncedDeliveryEventWith550UserUnknownShouldSuppress() {
        publish(event("m6", "c1", "dave@example.org", Outcome.BOUNCED, 550, "5.1.1", "5.1.1 <dave@example.org>: user unknown"));

        List<TestRecord<String, byte[]>> out = suppressions.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("dave@example.org");
        assertThat(decode(out.get(0)).getExpiresAt()).isNull();
    }

    @Test
    void autoReplyShouldNotSuppress() {
        receive("m7", SampleBounces.autoReply("erin@example.org"), T0);

        assertThat(suppressions.readRecordsToList()).isEmpty();
    }

    @Test
    void garbageShouldBeCountedAndDeadLetteredWithoutStoppingTheTopology() {
        raw.pipeInput("junk", "not avro at all".getBytes(StandardCharsets.UTF_8), T0);
        receive("m8", "\u0000\u0001 not a mail".getBytes(StandardCharsets.ISO_8859_1), T0);
        mailed("m9", "frank@example.org");
        receive("m9", SampleBounces.dsn("frank@example.org", "m9", "5.1.1", "550 5.1.1 user unknown"), T0);

        assertThat(deadLetters.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(r.headers().lastHeader("mailstream.dlt.topic").value())
                        .isEqualTo(Topics.BOUNCES_RAW.getBytes(StandardCharsets.UTF_8)));
        assertThat(counters.corruptRecords()).isEqualTo(1);
        assertThat(counters.unparseableBounces()).isEqualTo(1);
        assertThat(suppressions.readKeyValuesToMap()).containsOnlyKeys("frank@example.org");
    }

    @Test
    void campaignStatsShouldCountOutcomesBounceReasonsAndComplaints() {
        publish(event("a", "c9", "a@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        publish(event("b", "c9", "b@example.org", Outcome.DEFERRED, 451, "4.7.1", "try later"));
        publish(event("b", "c9", "b@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        publish(event("c", "c9", "c@example.org", Outcome.BOUNCED, 550, "5.1.1", "user unknown"));
        publish(event("d", "c9", "d@example.org", Outcome.SUPPRESSED, null, null, "suppressed"));
        publish(event("x", "other", "x@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        mailed("a", "a@example.org");
        receive("a", SampleBounces.complaint("a@example.org", "a"), T0.plus(Duration.ofMinutes(1)));

        KeyValueStore<String, CampaignStats> store = driver.getKeyValueStore(BounceTopology.CAMPAIGN_STATS_STORE);
        CampaignStats stats = store.get("c9");
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(stats.deferred()).isEqualTo(1);
        assertThat(stats.bounced()).isEqualTo(1);
        assertThat(stats.bouncedByReason()).isEqualTo(Map.of("userunknown", 1L));
        assertThat(stats.suppressed()).isEqualTo(1);
        assertThat(stats.complaints()).isEqualTo(1);
        assertThat(store.get("other").delivered()).isEqualTo(1);
    }

    @Test
    void aRepeatedTerminalEventShouldCountItsMessageOnceSoFinishedMessagesCountsMessages() {
        publish(event("m1", "c7", "a@example.org", Outcome.DEFERRED, 451, "4.7.1", "try later"));
        publish(event("m1", "c7", "a@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        publish(event("m1", "c7", "a@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok (again, after a crash)"));
        publish(event("m2", "c7", "b@example.org", Outcome.BOUNCED, 550, "5.1.1", "user unknown"));
        publish(event("m2", "c7", "b@example.org", Outcome.BOUNCED, 550, "5.1.1", "user unknown"));
        publish(event("m3", "c7", "c@example.org", Outcome.SUPPRESSED, null, null, "suppressed"));

        CampaignStats stats = driver.<String, CampaignStats>getKeyValueStore(BounceTopology.CAMPAIGN_STATS_STORE).get("c7");
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.bounced()).isEqualTo(1);
        assertThat(stats.bouncedByReason()).isEqualTo(Map.of("userunknown", 1L));
        assertThat(stats.deferred()).isEqualTo(1);
        assertThat(stats.finishedMessages()).isEqualTo(3);
    }

    @Test
    void delayedNoticeShouldNotSuppress() {
        String delayed = new String(SampleBounces.dsn("gina@example.org", "m10", "4.4.7", "451 4.4.7 delivery delayed"),
                StandardCharsets.US_ASCII).replace("Action: failed", "Action: delayed");
        receive("m10", delayed.getBytes(StandardCharsets.US_ASCII), T0);
        receive("m11", delayed.getBytes(StandardCharsets.US_ASCII), T0);
        receive("m12", delayed.getBytes(StandardCharsets.US_ASCII), T0);

        assertThat(suppressions.readRecordsToList()).isEmpty();
    }

    @Test
    void repeatedHardBouncesShouldKeepFirstSeenAndCountUp() {
        mailed("m13", "hank@example.org");
        receive("m13", SampleBounces.dsn("hank@example.org", "m13", "5.1.1", "550 5.1.1 user unknown"), T0);
        publish(event("m14", "c1", "hank@example.org", Outcome.BOUNCED, 550, "5.1.1", "user unknown"));
        Instant later = T0.plus(Duration.ofDays(3));
        mailed("m15", "hank@example.org");
        receive("m15", SampleBounces.dsn("hank@example.org", "m15", "5.1.1", "550 5.1.1 user unknown"), later);

        List<TestRecord<String, byte[]>> out = suppressions.readRecordsToList();
        Suppression last = decode(out.get(out.size() - 1));
        assertThat(last.getCount()).isEqualTo(3);
        assertThat(last.getFirstSeen()).isEqualTo(T0);
        assertThat(last.getLastSeen()).isEqualTo(later);
    }

    @Test
    void softBouncesShouldNotTurnAPermanentSuppressionIntoATemporaryOne() {
        mailed("m16", "ivy@example.org");
        receive("m16", SampleBounces.dsn("ivy@example.org", "m16", "5.1.1", "550 5.1.1 user unknown"), T0);
        for (int i = 0; i < 3; i++) {
            mailed("s" + i, "ivy@example.org");
            receive("s" + i, mailboxFull("ivy@example.org", "s" + i), T0.plusSeconds(i + 1));
        }

        List<TestRecord<String, byte[]>> out = suppressions.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(decode(out.get(0)).getExpiresAt()).isNull();
    }

    @Test
    void aRenewedSoftSuppressionShouldOnlyBeLiftedAtItsNewExpiry() {
        for (int i = 0; i < 3; i++) {
            mailed("a" + i, "jo@example.org");
            receive("a" + i, mailboxFull("jo@example.org", "a" + i), T0.plusSeconds(i));
        }
        Instant renewed = T0.plus(Duration.ofDays(20));
        for (int i = 0; i < 3; i++) {
            mailed("b" + i, "jo@example.org");
            receive("b" + i, mailboxFull("jo@example.org", "b" + i), renewed.plusSeconds(i));
        }
        assertThat(suppressions.readRecordsToList()).hasSize(2);

        driver.advanceWallClockTime(Duration.ofDays(31)); // past the first expiry only
        assertThat(suppressions.readRecordsToList()).isEmpty();
        driver.advanceWallClockTime(Duration.ofDays(20)); // past the renewed one
        assertThat(suppressions.readRecordsToList()).singleElement().satisfies(r -> assertThat(r.value()).isNull());
    }

    @Test
    void unsubscribeThenThreeSoftBouncesThenThirtyOneDaysShouldStillBeUnsubscribed() {
        write(ManualSuppressions.of(EmailAddress.parse("kim@example.org"), "unsubscribe", SuppressionSource.UNSUBSCRIBE,
                T0, Optional.empty()));
        for (int i = 0; i < 3; i++) {
            mailed("k" + i, "kim@example.org");
            receive("k" + i, mailboxFull("kim@example.org", "k" + i), T0.plus(Duration.ofDays(1)).plusSeconds(i));
        }
        Suppression withWindow = decode(suppressions.readRecordsToList().getLast());
        assertThat(withWindow.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
        assertThat(withWindow.getExpiresAt()).as("the soft window must not shorten the unsubscribe").isNull();
        assertThat(withWindow.getParts()).extracting(SuppressionPart::getSource)
                .containsExactlyInAnyOrder(SuppressionSource.UNSUBSCRIBE, SuppressionSource.BOUNCE);

        driver.advanceWallClockTime(Duration.ofDays(31).plusDays(1)); // the soft window (from day 1, 30 days) has ended

        List<TestRecord<String, byte[]>> afterExpiry = suppressions.readRecordsToList();
        assertThat(afterExpiry).as("the expiry removes its own part and writes what is left, never a tombstone")
                .singleElement().satisfies(r -> assertThat(r.value()).isNotNull());
        Suppression left = decode(afterExpiry.getFirst());
        assertThat(left.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
        assertThat(left.getExpiresAt()).isNull();
        assertThat(left.getParts()).singleElement().satisfies(p -> {
            assertThat(p.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
            assertThat(p.getExpiresAt()).isNull();
        });
    }

    @Test
    void aTemporaryManualEntryWrittenOverAHardBounceShouldBeMergedBackIntoAPermanentRecord() {
        mailed("l1", "lee@example.org");
        receive("l1", SampleBounces.dsn("lee@example.org", "l1", "5.1.1", "550 5.1.1 user unknown"), T0);
        suppressions.readRecordsToList();

        write(ManualSuppressions.of(EmailAddress.parse("lee@example.org"), "pause a day", T0, Optional.of(Duration.ofDays(1))));

        Suppression merged = decode(suppressions.readRecordsToList().getLast());
        assertThat(merged.getExpiresAt()).isNull();
        assertThat(merged.getSource()).isEqualTo(SuppressionSource.BOUNCE);
        assertThat(merged.getParts()).extracting(SuppressionPart::getSource)
                .containsExactlyInAnyOrder(SuppressionSource.BOUNCE, SuppressionSource.MANUAL);
        driver.advanceWallClockTime(Duration.ofDays(2)); // the manual part ends, the hard bounce does not
        assertThat(suppressions.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(decode(r).getParts()).singleElement()
                        .satisfies(p -> assertThat(p.getSource()).isEqualTo(SuppressionSource.BOUNCE)));
    }

    @Test
    void aRecordWrittenByAnotherWriterThatKeepsEveryPartShouldNotBeWrittenAgain() {
        write(ManualSuppressions.of(EmailAddress.parse("max@example.org"), "operator", T0, Optional.empty()));

        assertThat(suppressions.readRecordsToList()).isEmpty();
    }

    @Test
    void anOperatorsTombstoneShouldDropTheTopologysStateSoNothingIsResurrected() {
        mailed("n1", "nia@example.org");
        receive("n1", SampleBounces.dsn("nia@example.org", "n1", "5.1.1", "550 5.1.1 user unknown"), T0);
        suppressions.readRecordsToList();

        written.pipeInput("nia@example.org", null, T0.plusSeconds(10));
        for (int i = 0; i < 3; i++) {
            mailed("n" + (i + 2), "nia@example.org");
            receive("n" + (i + 2), mailboxFull("nia@example.org", "n" + (i + 2)), T0.plusSeconds(20 + i));
        }

        Suppression after = decode(suppressions.readRecordsToList().getLast());
        assertThat(after.getParts()).as("only the new soft window, not the lifted hard bounce").singleElement()
                .satisfies(p -> assertThat(p.getExpiresAt()).isNotNull());
        assertThat(after.getExpiresAt()).isNotNull();
    }

    @Test
    void aForgedDsnNamingAnAddressTheMessageWasNotSentToShouldSuppressNobody() {
        mailed("m20", "ann@example.org");
        receive("m20", SampleBounces.dsn("victim@example.org", "m20", "5.1.1", "550 5.1.1 user unknown"), T0);

        assertThat(suppressions.readRecordsToList()).isEmpty();
        assertThat(counters.notApplied(NotApplied.RECIPIENT_MISMATCH)).isEqualTo(1);
    }

    @Test
    void aDsnForAMessageNeverMailedShouldSuppressNobody() {
        receive("m21", SampleBounces.dsn("victim@example.org", "m21", "5.1.1", "550 5.1.1 user unknown"), T0);

        assertThat(suppressions.readRecordsToList()).isEmpty();
        assertThat(counters.notApplied(NotApplied.UNKNOWN_MESSAGE)).isEqualTo(1);
    }

    @Test
    void aDsnNamingManyAddressesShouldSuppressOnlyTheRecipientOfItsMessage() {
        mailed("m22", "ann@example.org");
        receive("m22", SampleBounces.dsnNaming(List.of("x1@example.org", "Ann@Example.org", "x2@example.org"), "m22",
                "5.1.1", "550 5.1.1 user unknown"), T0);

        assertThat(suppressions.readKeyValuesToMap()).containsOnlyKeys("ann@example.org");
        assertThat(counters.notApplied(NotApplied.RECIPIENT_MISMATCH)).isEqualTo(2);
    }

    @Test
    void aDsnThatDidNotComeToASignedReturnPathShouldSuppressNobody() {
        mailed("m23", "ann@example.org");
        RawBounce unsigned = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("")
                .setEnvelopeTo(List.of("bounces+m23@bounce.example.com")).setRemoteAddress("127.0.0.1").setSource("smtp")
                .setMessage(ByteBuffer.wrap(SampleBounces.dsn("ann@example.org", "m23", "5.1.1", "550 5.1.1 user unknown")))
                .build();
        raw.pipeInput("m23", rawSerde.serializer().serialize(Topics.BOUNCES_RAW, unsigned), T0);

        assertThat(suppressions.readRecordsToList()).isEmpty();
        assertThat(counters.notApplied(NotApplied.UNSIGNED)).isEqualTo(1);
    }

    @Test
    void mailToTheSignedUnsubscribeAddressShouldUnsubscribeTheRecipientOfItsMessageOnly() {
        mailed("m40", "pia@example.org");
        unsubscribeMail("m40", "Subject: unsubscribe me, and also victim@example.org\r\n\r\nunsubscribe victim@example.org\r\n");
        unsubscribeMail("m41", "Subject: unsubscribe\r\n\r\nnever mailed\r\n");

        assertThat(suppressions.readKeyValuesToMap()).containsOnlyKeys("pia@example.org")
                .hasEntrySatisfying("pia@example.org", v -> {
                    Suppression s = suppressionSerde.deserializer().deserialize(Topics.SUPPRESSIONS, v);
                    assertThat(s.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
                    assertThat(s.getExpiresAt()).isNull();
                });
        assertThat(counters.notApplied(NotApplied.UNKNOWN_MESSAGE)).isEqualTo(1);
    }

    private void unsubscribeMail(String messageId, String message) {
        RawBounce mail = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("someone@example.org")
                .setEnvelopeTo(List.of(TestReturnPaths.RETURN_PATHS.unsubscribeAddress(messageId).asString()))
                .setRemoteAddress("127.0.0.1").setSource("smtp")
                .setMessage(ByteBuffer.wrap(message.getBytes(StandardCharsets.US_ASCII))).build();
        raw.pipeInput(messageId, rawSerde.serializer().serialize(Topics.BOUNCES_RAW, mail), T0);
    }

    @Test
    void aBounceThatCannotBeDecodedWhileTheRegistryIsDownShouldBeReadAgainNotDeadLettered() throws Exception {
        FlakyRegistry flaky = new FlakyRegistry(registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounce-topology-flaky-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("flaky").toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RetryTransientProcessingExceptionHandler.class);
        TopologyCounters flakyCounters = new TopologyCounters();
        TopologyConfig config = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
        RawBounce bounce = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("")
                .setEnvelopeTo(List.of(TestReturnPaths.verp("m30"))).setRemoteAddress("127.0.0.1").setSource("smtp")
                .setMessage(ByteBuffer.wrap(SampleBounces.dsn("olga@example.org", "m30", "5.1.1", "550 5.1.1 user unknown")))
                .build();
        byte[] framed = rawSerde.serializer().serialize(Topics.BOUNCES_RAW, bounce); // registered while the registry is up
        try (TopologyTestDriver flakyDriver = new TopologyTestDriver(
                BounceTopology.build(new StreamsBuilder(), config, flaky, flakyCounters), props, T0)) {
            TestInputTopic<String, byte[]> in = flakyDriver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> sent = flakyDriver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> out = flakyDriver.createOutputTopic(Topics.SUPPRESSIONS, new StringDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<String, byte[]> dlt = flakyDriver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
            DeliveryEvent delivered = event("m30", null, "olga@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok");
            sent.pipeInput("m30", eventSerde.serializer().serialize(Topics.DELIVERY_EVENTS, delivered), T0);

            flaky.down(true);
            assertThatThrownBy(() -> in.pipeInput("m30", framed, T0)).as("the stream thread fails, to read the record again")
                    .hasStackTraceContaining("will be read again");
            assertThat(dlt.readRecordsToList()).isEmpty();
            assertThat(flakyCounters.corruptRecords()).isZero();

            flaky.down(false);
            in.pipeInput("m30", framed, T0); // what the replaced thread does: read it again from the last commit
            assertThat(out.readKeyValuesToMap()).containsOnlyKeys("olga@example.org");
        }
    }

    private byte[] mailboxFull(String recipient, String messageId) {
        return SampleBounces.dsn(recipient, messageId, "4.2.2", "452 4.2.2 mailbox full");
    }

    private void receive(String key, byte[] message, Instant at) {
        RawBounce bounce = RawBounce.newBuilder()
                .setReceivedAt(at)
                .setEnvelopeFrom("")
                .setEnvelopeTo(List.of(TestReturnPaths.verp(key)))
                .setRemoteAddress("127.0.0.1")
                .setSource("smtp")
                .setMessage(ByteBuffer.wrap(message))
                .build();
        raw.pipeInput(key, rawSerde.serializer().serialize(Topics.BOUNCES_RAW, bounce), at);
    }

    /** The dispatcher's event that {@code messageId} went to {@code recipient} (no campaign: stats stay as they are). */
    private void mailed(String messageId, String recipient) {
        publish(event(messageId, null, recipient, Outcome.DELIVERED, 250, "2.0.0", "ok"));
    }

    private void publish(DeliveryEvent e) {
        events.pipeInput(e.getMessageId(), eventSerde.serializer().serialize(Topics.DELIVERY_EVENTS, e), e.getTimestamp());
    }

    private static DeliveryEvent event(String messageId, String campaignId, String recipient, Outcome outcome,
                                       Integer code, String status, String text) {
        return DeliveryEvent.newBuilder().setMessageId(messageId).setCampaignId(campaignId).setRecipient(recipient)
                .setOutcome(outcome).setSmtpReplyCode(code).setEnhancedStatusCode(status).setReplyText(text)
                .setRemoteHost("mx.example.org").setAttempt(1).setTimestamp(T0).setDispatcherId("d1").build();
    }

    private void write(Suppression s) {
        written.pipeInput(s.getAddress(), suppressionSerde.serializer().serialize(Topics.SUPPRESSIONS, s), s.getLastSeen());
    }

    private Suppression decode(TestRecord<String, byte[]> r) {
        return suppressionSerde.deserializer().deserialize(Topics.SUPPRESSIONS, r.value());
    }
}
