package io.mailstream.bounces.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Sender;
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
    private TestInputTopic<String, byte[]> campaigns;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounce-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyConfig config = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
        driver = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(), config, registry, counters,
                Optional.of(TestReturnPaths.RETURN_PATHS)), props, T0);
        raw = driver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
        events = driver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
        suppressions = driver.createOutputTopic(Topics.SUPPRESSIONS, new StringDeserializer(), new ByteArrayDeserializer());
        written = driver.createInputTopic(Topics.SUPPRESSIONS, new StringSerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
        campaigns = driver.createInputTopic(Topics.CAMPAIGNS, new StringSerializer(), new ByteArraySerializer());
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

    private static final String WEAK_USER_UNKNOWN = "550 User unknown (in reply to RCPT TO command)";

    @Test
    void aLowConfidenceHardBounceShouldBeHeldAsSoftUntilASecondBounceConfirmsIt() {
        // "user unknown" answered to RCPT TO but under 5.0.0: what gateways and filters say too, so
        // not proof the address is bad
        mailed("m40", "lou@example.org");
        receive("m40", SampleBounces.dsn("lou@example.org", "m40", "5.0.0", WEAK_USER_UNKNOWN), T0);
        assertThat(suppressions.readRecordsToList()).as("one weak hard bounce suppresses nobody yet").isEmpty();

        mailed("m41", "lou@example.org");
        receive("m41", SampleBounces.dsn("lou@example.org", "m41", "5.0.0", WEAK_USER_UNKNOWN), T0.plus(Duration.ofDays(1)));
        List<TestRecord<String, byte[]>> out = suppressions.readRecordsToList();
        assertThat(out).hasSize(1);
        Suppression s = decode(out.get(0));
        assertThat(s.getReason()).isEqualTo("userunknown");
        assertThat(s.getExpiresAt()).as("confirmed: suppressed for good").isNull();
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
                .satisfies(r -> assertThat(r.headers().lastHeader("mailstream.dlt.source-topic").value())
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
    void textOnlyDelayWarningsShouldNotCountTowardTheSoftBounceWindowWhileTextOnlyFailuresDo() {
        // three of each within the window: three soft failures suppress (TopologyConfig(3, ...))
        for (int i = 0; i < 3; i++) {
            mailed("w" + i, "kim@example.org");
            receive("w" + i, SampleBounces.eximDelayWarning("kim@example.org", "w" + i, "452 4.2.2 mailbox full"),
                    T0.plusSeconds(i));
            mailed("f" + i, "lou@example.org");
            receive("f" + i, SampleBounces.eximFailure("lou@example.org", "f" + i, "452 4.2.2 mailbox full"),
                    T0.plusSeconds(i));
        }

        assertThat(suppressions.readRecordsToList()).extracting(TestRecord::key).containsExactly("lou@example.org");
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
    void aDsnAfterARelayAcceptedTheMailShouldWriteASuppressionNamingItsMessageAndCampaign() {
        publish(event("m70", "spring", "kim@example.org", Outcome.DELIVERED, 250, "2.0.0", "queued as 1A2B"));
        receive("m70", SampleBounces.dsn("kim@example.org", "m70", "5.1.1", "550 5.1.1 user unknown"), T0);

        Suppression s = decode(suppressions.readRecord());
        assertThat(s.getAddress()).isEqualTo("kim@example.org");
        assertThat(s.getMessageId()).as("the message of the signed return path").isEqualTo("m70");
        assertThat(s.getCampaignId()).as("its campaign, from the delivery event").isEqualTo("spring");
    }

    @Test
    void aBouncedDeliveryEventShouldWriteItsMessageAndCampaignButAnotherWritersMergeNeither() {
        publish(event("m71", "spring", "lou@example.org", Outcome.BOUNCED, 550, "5.1.1", "user unknown"));
        Suppression bounced = decode(suppressions.readRecord());
        assertThat(bounced.getMessageId()).isEqualTo("m71");
        assertThat(bounced.getCampaignId()).isEqualTo("spring");

        // an operator's temporary entry over the hard bounce is merged back: that write is about no message
        write(ManualSuppressions.of(EmailAddress.parse("lou@example.org"), "pause a day", T0, Optional.of(Duration.ofDays(1))));
        Suppression merged = decode(suppressions.readRecordsToList().getLast());
        assertThat(merged.getParts()).hasSize(2);
        assertThat(merged.getMessageId()).isNull();
        assertThat(merged.getCampaignId()).isNull();
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
        assertThat(counters.notApplied(NotApplied.UNKNOWN_MESSAGE)).as("held while its event may be on its way").isZero();

        driver.advanceWallClockTime(TopologyConfig.DEFAULT_PENDING_REPORT_HOLD);

        assertThat(suppressions.readRecordsToList()).isEmpty();
        assertThat(counters.notApplied(NotApplied.UNKNOWN_MESSAGE)).isEqualTo(1);
    }

    @Test
    void aDsnThatArrivesBeforeItsDeliveryEventShouldBeHeldAndAppliedOnceTheEventArrives() {
        receive("m24", SampleBounces.dsn("dora@example.org", "m24", "5.1.1", "550 5.1.1 user unknown"), T0);
        receive("m25", SampleBounces.dsn("victim@example.org", "m25", "5.1.1", "550 5.1.1 user unknown"), T0);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(suppressions.readRecordsToList()).as("nothing known of m24 yet").isEmpty();
        assertThat(counters.pendingReports()).isEqualTo(2);

        mailed("m24", "dora@example.org");
        mailed("m25", "eve@example.org"); // m25 went to someone else: its report names the wrong address
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(suppressions.readKeyValuesToMap()).containsOnlyKeys("dora@example.org");
        assertThat(counters.notApplied(NotApplied.RECIPIENT_MISMATCH)).isEqualTo(1);
        assertThat(counters.pendingReports()).isZero();
        driver.advanceWallClockTime(TopologyConfig.DEFAULT_PENDING_REPORT_HOLD);
        assertThat(counters.notApplied(NotApplied.UNKNOWN_MESSAGE)).as("both were judged once, not again").isZero();
        assertThat(suppressions.readRecordsToList()).isEmpty();
    }

    @Test
    void reportsBeyondTheHoldLimitShouldBeJudgedAtOnceAndOnlyHeldOnesWait() {
        TopologyConfig small = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1),
                Duration.ofMinutes(2), 1, Duration.ofSeconds(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounce-topology-small-hold-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("small").toString());
        TopologyCounters smallCounters = new TopologyCounters();
        try (TopologyTestDriver d = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(), small, registry, smallCounters),
                props, T0)) {
            TestInputTopic<String, byte[]> in = d.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> sent = d.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> out = d.createOutputTopic(Topics.SUPPRESSIONS, new StringDeserializer(), new ByteArrayDeserializer());
            for (String id : List.of("m26", "m27")) {
                RawBounce b = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("")
                        .setEnvelopeTo(List.of(TestReturnPaths.verp(id))).setRemoteAddress("127.0.0.1").setSource("smtp")
                        .setMessage(ByteBuffer.wrap(SampleBounces.dsn(id + "@example.org", id, "5.1.1", "550 5.1.1 user unknown")))
                        .build();
                in.pipeInput(id, rawSerde.serializer().serialize(Topics.BOUNCES_RAW, b), T0);
            }
            assertThat(smallCounters.notApplied(NotApplied.UNKNOWN_MESSAGE)).as("the second found the hold full").isEqualTo(1);

            DeliveryEvent e = event("m26", null, "m26@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok");
            sent.pipeInput("m26", eventSerde.serializer().serialize(Topics.DELIVERY_EVENTS, e), T0);
            d.advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(out.readKeyValuesToMap()).containsOnlyKeys("m26@example.org");

            d.advanceWallClockTime(Duration.ofMinutes(3));
            assertThat(smallCounters.notApplied(NotApplied.UNKNOWN_MESSAGE)).isEqualTo(1);
        }
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
    void aThousandRecipientDsnShouldSuppressOnlyTheRecipientOfItsMessage() {
        mailed("m28", "kim@example.org");
        List<String> named = new java.util.ArrayList<>();
        for (int i = 0; i < 999; i++) {
            named.add("victim" + i + "@example.org");
        }
        named.add(500, "kim@example.org");
        receive("m28", SampleBounces.dsnNaming(named, "m28", "5.1.1", "550 5.1.1 user unknown"), T0);

        assertThat(suppressions.readKeyValuesToMap()).containsOnlyKeys("kim@example.org");
        assertThat(counters.notApplied(NotApplied.RECIPIENT_MISMATCH)).isEqualTo(999);
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
        driver.advanceWallClockTime(TopologyConfig.DEFAULT_PENDING_REPORT_HOLD);
        assertThat(counters.notApplied(NotApplied.UNKNOWN_MESSAGE)).isEqualTo(1);
    }

    @Test
    void aMailtoUnsubscribeShouldLeaveOnlyTheListOfItsMessagesCampaign() {
        campaign("c-news", "news");
        campaign("c-nolist", null);
        publish(event("m60", "c-news", "lea@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        publish(event("m61", "c-nolist", "max@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        publish(event("m62", null, "ned@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok")); // transactional

        unsubscribeMail("m60", "Subject: unsubscribe\r\n\r\nunsubscribe\r\n");
        unsubscribeMail("m61", "Subject: unsubscribe\r\n\r\nunsubscribe\r\n");
        unsubscribeMail("m62", "Subject: unsubscribe\r\n\r\nunsubscribe\r\n");

        Map<String, byte[]> out = suppressions.readKeyValuesToMap();
        assertThat(out).containsOnlyKeys("lea@example.org", "max@example.org", "ned@example.org");
        SuppressionPart lea = suppressionSerde.deserializer().deserialize(Topics.SUPPRESSIONS, out.get("lea@example.org")).getParts().get(0);
        assertThat(lea.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
        assertThat(lea.getScope()).as("the campaign's list, as a one-click unsubscribe writes it").isEqualTo("news");
        // a campaign of no list, or mail of no campaign: nothing narrower is known, so every list
        assertThat(suppressionSerde.deserializer().deserialize(Topics.SUPPRESSIONS, out.get("max@example.org")).getParts().get(0)
                .getScope()).isNull();
        assertThat(suppressionSerde.deserializer().deserialize(Topics.SUPPRESSIONS, out.get("ned@example.org")).getParts().get(0)
                .getScope()).isNull();
    }

    @Test
    void mailtoUnsubscribesFromTwoListsShouldBeTwoPartsOfOneRecord() {
        campaign("c-news", "news");
        campaign("c-offers", "offers");
        publish(event("m63", "c-news", "ola@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        publish(event("m64", "c-offers", "ola@example.org", Outcome.DELIVERED, 250, "2.0.0", "ok"));

        unsubscribeMail("m63", "Subject: unsubscribe\r\n\r\nunsubscribe\r\n");
        unsubscribeMail("m64", "Subject: unsubscribe\r\n\r\nunsubscribe\r\n");

        Suppression s = suppressionSerde.deserializer().deserialize(Topics.SUPPRESSIONS,
                suppressions.readKeyValuesToMap().get("ola@example.org"));
        assertThat(s.getParts()).extracting(SuppressionPart::getScope).containsExactlyInAnyOrder("news", "offers");
    }

    private void campaign(String id, String listId) {
        Campaign c = Campaign.newBuilder().setId(id).setVersion(1).setSender(Sender.newBuilder().setAddress("news@example.com").build())
                .setSubjectTemplate("s").setState(CampaignState.SENDING).setUpdatedAt(T0).setListId(listId).build();
        campaigns.pipeInput(id, AvroSerde.forValue(Campaign.class, registry).serializer().serialize(Topics.CAMPAIGNS, c), T0);
    }

    @Test
    void anArfReportWhoseReturnedMessageCarriesOurSignedReturnPathShouldSuppressTheRecipientOfThatMessage() {
        mailed("m50", "frank@example.org");
        // the provider redacts the complainant; the signed Return-Path of the returned copy names the message
        feedbackLoop(SampleBounces.arf(TestReturnPaths.verp("m50"), null, null, null, null));

        assertThat(suppressions.readKeyValuesToMap()).containsOnlyKeys("frank@example.org")
                .hasEntrySatisfying("frank@example.org", v -> assertThat(
                        suppressionSerde.deserializer().deserialize(Topics.SUPPRESSIONS, v).getSource())
                        .isEqualTo(SuppressionSource.COMPLAINT));
    }

    @Test
    void anArfReportWithAForgedReturnPathShouldSuppressNobodyAndBeCounted() {
        mailed("m51", "gus@example.org");
        String forged = "bounces+m51.t1-aaaaaaaaaaaaa@bounce.example.com";
        feedbackLoop(SampleBounces.arf(forged, null, null, "victim@example.org", "victim@example.org"));
        // the unsigned id only counts for the address the message went to, and this report names another one
        feedbackLoop(SampleBounces.arf(forged, "m51", "<m51@example.com>", "victim@example.org", "victim@example.org"));
        feedbackLoop(SampleBounces.arf(null, null, "<CAF+x9@mail.example.net>", "victim@example.org", "victim@example.org"));

        assertThat(suppressions.readRecordsToList()).isEmpty();
        assertThat(counters.notApplied(NotApplied.UNTIED_FEEDBACK)).isEqualTo(2);
        assertThat(counters.notApplied(NotApplied.RECIPIENT_MISMATCH)).isEqualTo(1);
    }

    @Test
    void anArfReportTiedOnlyByItsUnsignedMessageIdShouldSuppressOnlyTheRecipientItNamesAndTheMessageWentTo() {
        mailed("m52", "gina@example.org");
        mailed("m53", "hank@example.org");
        feedbackLoop(SampleBounces.arf(null, "m52", "<m52@example.com>", "Gina@Example.org", "gina@example.org"));
        feedbackLoop(SampleBounces.arf(null, null, "<m53@example.com>", null, "hank@example.org"));
        feedbackLoop(SampleBounces.arf(null, "m53", null, null, null)); // redacted: nothing to check the unsigned id against

        assertThat(suppressions.readKeyValuesToMap()).containsOnlyKeys("gina@example.org", "hank@example.org");
        assertThat(counters.notApplied(NotApplied.UNTIED_FEEDBACK)).isEqualTo(1);
    }

    @Test
    void anArfReportThatArrivesBeforeItsDeliveryEventShouldWaitForIt() {
        feedbackLoop(SampleBounces.arf(TestReturnPaths.verp("m54"), null, null, null, null));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(suppressions.readRecordsToList()).isEmpty();

        mailed("m54", "iris@example.org");
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(suppressions.readKeyValuesToMap()).containsOnlyKeys("iris@example.org");
    }

    /** A report received at the feedback-loop address (not a return path): only its content can tie it to a message. */
    private void feedbackLoop(byte[] report) {
        RawBounce mail = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("fbl-noreply@isp.example.net")
                .setEnvelopeTo(List.of("fbl@bounce.example.com")).setRemoteAddress("127.0.0.1").setSource("smtp")
                .setMessage(ByteBuffer.wrap(report)).build();
        raw.pipeInput("fbl@bounce.example.com", rawSerde.serializer().serialize(Topics.BOUNCES_RAW, mail), T0);
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

    @Test
    void aBounceWithASchemaIdTheRegistryDoesNotKnowYetShouldBeReadAgainForAWhileThenDeadLettered() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounce-topology-unknown-id-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("unknown-id").toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RetryTransientProcessingExceptionHandler.class);
        TopologyConfig config = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
        RawBounce bounce = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("")
                .setEnvelopeTo(List.of(TestReturnPaths.verp("m31"))).setRemoteAddress("127.0.0.1").setSource("smtp")
                .setMessage(ByteBuffer.wrap(SampleBounces.dsn("pat@example.org", "m31", "5.1.1", "550 5.1.1 user unknown")))
                .build();
        byte[] framed = rawSerde.serializer().serialize(Topics.BOUNCES_RAW, bounce);
        java.nio.ByteBuffer.wrap(framed).putInt(1, 777_777); // an id this registry has never seen
        try (TopologyTestDriver unknownDriver = new TopologyTestDriver(
                BounceTopology.build(new StreamsBuilder(), config, registry, new TopologyCounters()), props, T0)) {
            TestInputTopic<String, byte[]> in = unknownDriver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, byte[]> dlt = unknownDriver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(),
                    new ByteArrayDeserializer());

            assertThatThrownBy(() -> in.pipeInput("m31", framed, T0)).as("read again, as after an outage")
                    .hasStackTraceContaining("will be read again");
            assertThat(dlt.readRecordsToList()).isEmpty();

            unknownDriver.advanceWallClockTime(Duration.ofSeconds(61));
            in.pipeInput("m31", framed, T0); // what the replaced thread does, past decode.unknown-schema-wait

            assertThat(dlt.readRecordsToList()).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo(framed);
                assertThat(new String(r.headers().lastHeader("mailstream.dlt.reason").value(), StandardCharsets.UTF_8))
                        .isEqualTo("unknown-schema");
            });
        }
    }

    @Test
    void theApisSuppressionTableShouldWaitOutARegistryOutageInsteadOfSkippingTheRecord() {
        FlakyRegistry flaky = new FlakyRegistry(registry);
        Suppression s = Suppression.newBuilder().setAddress("vera@example.org").setReason("userunknown")
                .setSource(SuppressionSource.BOUNCE).setFirstSeen(T0).setLastSeen(T0).setCount(1).build();
        byte[] framed = suppressionSerde.serializer().serialize(Topics.SUPPRESSIONS, s); // registered while up
        java.util.List<Duration> pauses = new java.util.ArrayList<>();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "suppression-table-flaky-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("table-flaky").toString());
        // what the bounce processor runs with: a failed deserialization would skip the record silently
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
        flaky.down(true);
        try (TopologyTestDriver tableDriver = new TopologyTestDriver(BounceTopology.buildSuppressionTable(new StreamsBuilder(),
                flaky, d -> {
                    pauses.add(d);
                    if (pauses.size() == 3) {
                        flaky.down(false); // the registry comes back while the record waits
                    }
                }), props, T0)) {
            tableDriver.createInputTopic(Topics.SUPPRESSIONS, new StringSerializer(), new ByteArraySerializer())
                    .pipeInput("vera@example.org", framed, T0);

            org.apache.kafka.streams.state.KeyValueStore<String, Suppression> table =
                    tableDriver.getKeyValueStore(BounceTopology.SUPPRESSION_TABLE_STORE);
            assertThat(table.get("vera@example.org")).isEqualTo(s);
            assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
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
