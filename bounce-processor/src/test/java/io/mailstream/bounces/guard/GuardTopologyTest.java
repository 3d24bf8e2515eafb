package io.mailstream.bounces.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.GuardDecision;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.stats.ProviderCounts;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.TestReturnPaths;
import io.mailstream.bounces.topology.BounceTopology;
import io.mailstream.bounces.topology.TopologyConfig;
import io.mailstream.bounces.topology.TopologyCounters;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign guard in the bounce topology: rates by mailbox provider, from the same counts as the
 * campaign statistics (ARF complaints through the real bounce path, hard bounces from 5xx events),
 * a brake decided once per campaign and provider, also when the events are read again.
 */
class GuardTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String CAMPAIGN = "c1";
    /** 1 % of 20 delivered: lines low enough for a small test, judged from 20 messages at a provider. */
    private static final GuardConfig GUARD = new GuardConfig(true, 0.1, 20, 0.2, 20, GuardConfig.GuardScope.PROVIDER);

    @TempDir
    Path stateDir;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<RawBounce> rawSerde = AvroSerde.forValue(RawBounce.class, registry);
    private final AvroSerde<DeliveryEvent> eventSerde = AvroSerde.forValue(DeliveryEvent.class, registry);
    private final AvroSerde<GuardDecision> decisionSerde = AvroSerde.forValue(GuardDecision.class, registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> decisions;
    private int sequence;

    @BeforeEach
    void start() {
        open(GUARD);
    }

    private void open(GuardConfig guard) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "guard-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyConfig config = TopologyConfig.defaults().withGuard(guard);
        driver = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(), config, registry, new TopologyCounters(),
                Optional.of(TestReturnPaths.RETURN_PATHS)), props, T0);
        raw = driver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
        events = driver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
        decisions = driver.createOutputTopic(Topics.GUARD_DECISIONS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void complaintsAtOneProviderAboveTheLineShouldBrakeThatProviderOnceAndNoOther() {
        List<String> gmail = deliver("gmail.com", 20);
        deliver("outlook.com", 20);
        complain(gmail.get(0), "ann0@gmail.com");
        assertThat(decisions.isEmpty()).as("1 of 20 = 5 %% is under the 10 %% line").isTrue();

        complain(gmail.get(1), "ann1@gmail.com");
        List<KeyValue<String, byte[]>> written = decisions.readKeyValuesToList();
        assertThat(written).hasSize(1);
        GuardDecision d = decode(written.get(0));
        assertThat(written.get(0).key).isEqualTo(CAMPAIGN + "|google");
        assertThat(d.getProvider()).isEqualTo("google");
        assertThat(d.getRule()).isEqualTo("complaint-rate");
        assertThat(d.getCount()).isEqualTo(2);
        assertThat(d.getBase()).isEqualTo(20);
        assertThat(d.getRate()).isEqualTo(0.1);
        assertThat(d.getLine()).isEqualTo(0.1);
        assertThat(d.getWholeCampaign()).isFalse();

        complain(gmail.get(2), "ann2@gmail.com");
        deliver("gmail.com", 5);
        assertThat(decisions.isEmpty()).as("decided once: further complaints and updates add nothing").isTrue();
        CampaignStats s = stats();
        assertThat(s.byProvider().get("google")).isEqualTo(new ProviderCounts(25, 0, 0, 3));
        assertThat(s.byProvider().get("microsoft")).isEqualTo(new ProviderCounts(20, 0, 0, 0));
    }

    @Test
    void ratesShouldNotBeJudgedBeforeTheProviderReachedTheMinimum() {
        List<String> gmail = deliver("gmail.com", 10);
        for (int i = 0; i < 5; i++) {
            complain(gmail.get(i), "ann" + i + "@gmail.com");
        }
        assertThat(decisions.isEmpty()).as("50 %% of 10, but 10 < the minimum of 20 delivered").isTrue();
        deliver("gmail.com", 10);
        assertThat(decode(decisions.readKeyValue()).getCount()).as("5 of 20 once the minimum is reached").isEqualTo(5);
    }

    @Test
    void hardBouncesAboveTheLineShouldBrakeTheProvider() {
        deliver("yahoo.com", 15);
        for (int i = 0; i < 5; i++) {
            publish(event("b" + i, "gone" + i + "@yahoo.com", Outcome.BOUNCED, 550, "5.1.1", "550 5.1.1 user unknown"));
        }
        GuardDecision d = decode(decisions.readKeyValue());
        assertThat(d.getProvider()).isEqualTo("yahoo");
        assertThat(d.getRule()).isEqualTo("hard-bounce-rate");
        assertThat(d.getCount()).isEqualTo(5);
        assertThat(d.getBase()).isEqualTo(20);
    }

    @Test
    void dsnsAfterARelayAcceptedTheMailShouldCountAsHardBouncesNotDeliveries() {
        List<String> yahoo = deliver("yahoo.com", 20);
        for (int i = 0; i < 3; i++) {
            dsn(yahoo.get(i), "ann" + i + "@yahoo.com");
        }
        assertThat(decisions.isEmpty()).as("3 of 20 attempted = 15 %%, under the 20 %% line").isTrue();
        assertThat(stats().byProvider().get("yahoo")).as("moved from delivered to bounced").isEqualTo(new ProviderCounts(17, 3, 0, 0));

        dsn(yahoo.get(3), "ann3@yahoo.com");

        GuardDecision d = decode(decisions.readKeyValue());
        assertThat(d.getRule()).isEqualTo("hard-bounce-rate");
        assertThat(d.getCount()).isEqualTo(4);
        assertThat(d.getBase()).as("attempted: 16 delivered + 4 bounced").isEqualTo(20);
    }

    @Test
    void domainsOutsideTheProviderTableShouldNotBeJudged() {
        List<String> ids = deliver("example.org", 20);
        for (int i = 0; i < 10; i++) {
            complain(ids.get(i), "ann" + i + "@example.org");
        }
        assertThat(decisions.isEmpty()).isTrue();
        assertThat(stats().complaints()).isEqualTo(10);
        assertThat(stats().byProvider()).isEmpty();
    }

    @Test
    void eventsReadAgainShouldNotDecideAgain() {
        List<String> gmail = deliver("gmail.com", 20);
        complain(gmail.get(0), "ann0@gmail.com");
        complain(gmail.get(1), "ann1@gmail.com");
        assertThat(decisions.readKeyValuesToList()).hasSize(1);

        // at-least-once: after a crash the same delivery events and reports are read again
        for (int i = 0; i < 20; i++) {
            publish(event(gmail.get(i), "ann" + i + "@gmail.com", Outcome.DELIVERED, 250, "2.0.0", "250 2.0.0 queued"));
        }
        complain(gmail.get(0), "ann0@gmail.com");
        complain(gmail.get(1), "ann1@gmail.com");
        assertThat(decisions.isEmpty()).isTrue();
        assertThat(driver.<String, GuardVerdict>getKeyValueStore(BounceTopology.GUARD_DECISION_STORE).get(CAMPAIGN + "|google"))
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo("complaint-rate");
                    assertThat(v.decidedAtMillis()).isEqualTo(T0.plusSeconds(1).toEpochMilli());
                });
    }

    @Test
    void withTheCampaignScopeTheDecisionShouldSayTheWholeCampaign() {
        driver.close();
        open(new GuardConfig(true, 0.1, 20, 0.2, 20, GuardConfig.GuardScope.CAMPAIGN));
        List<String> gmail = deliver("gmail.com", 20);
        complain(gmail.get(0), "ann0@gmail.com");
        complain(gmail.get(1), "ann1@gmail.com");
        assertThat(decode(decisions.readKeyValue()).getWholeCampaign()).isTrue();
    }

    @Test
    void aGuardSwitchedOffShouldNeverDecide() {
        driver.close();
        open(GuardConfig.off());
        List<String> gmail = deliver("gmail.com", 20);
        for (int i = 0; i < 20; i++) {
            complain(gmail.get(i), "ann" + i + "@gmail.com");
        }
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void complaintsOlderThanTheWindowShouldNotCountTowardsTheRate() {
        // 2 complaints about 10 early messages: under the minimum of 20 delivered, not judged then
        List<String> early = deliver("gmail.com", 10, T0);
        complain(early.get(0), "ann0@gmail.com", T0.plusSeconds(1));
        complain(early.get(1), "ann1@gmail.com", T0.plusSeconds(1));
        assertThat(decisions.isEmpty()).isTrue();

        // two hours later: 20 delivered and 1 complaint in the last hour, 5 %; the whole history, 3 of 30 = 10 %, would brake
        Instant later = T0.plus(Duration.ofHours(2));
        List<String> recent = deliver("gmail.com", 20, later);
        complain(recent.get(0), "ann10@gmail.com", later.plusSeconds(1));

        assertThat(decisions.isEmpty()).as("judged on the last hour only").isTrue();
        assertThat(stats().byProvider().get("google")).as("the statistics still count everything")
                .isEqualTo(new ProviderCounts(30, 0, 0, 3));
    }

    @Test
    void aBurstWithinTheWindowShouldBrakeThoughTheWholeHistoryIsUnderTheLine() {
        deliver("gmail.com", 200, T0);
        Instant later = T0.plus(Duration.ofHours(3));
        List<String> recent = deliver("gmail.com", 20, later);
        complain(recent.get(0), "ann200@gmail.com", later.plusSeconds(1));
        assertThat(decisions.isEmpty()).as("1 of 20 in the window: 5 %%").isTrue();

        complain(recent.get(1), "ann201@gmail.com", later.plusSeconds(2));

        GuardDecision d = decode(decisions.readKeyValue());
        assertThat(d.getRule()).isEqualTo("complaint-rate");
        assertThat(d.getCount()).as("complaints in the window").isEqualTo(2);
        assertThat(d.getBase()).as("delivered in the window, not the 220 of the whole campaign").isEqualTo(20);
        assertThat(d.getRate()).isEqualTo(0.1);
    }

    @Test
    void theMinimumVolumeShouldApplyInsideTheWindow() {
        deliver("gmail.com", 100, T0);
        Instant later = T0.plus(Duration.ofHours(2));
        List<String> recent = deliver("gmail.com", 10, later);
        for (int i = 0; i < 5; i++) {
            complain(recent.get(i), "ann" + (100 + i) + "@gmail.com", later.plusSeconds(1));
        }
        assertThat(decisions.isEmpty()).as("5 of 10 in the window, but 10 < the minimum of 20 there (110 over the campaign)").isTrue();

        deliver("gmail.com", 10, later.plusSeconds(2));

        GuardDecision d = decode(decisions.readKeyValue());
        assertThat(d.getCount()).isEqualTo(5);
        assertThat(d.getBase()).isEqualTo(20);
    }

    @Test
    void theWindowShouldBeConfigurable() {
        driver.close();
        open(GUARD.withWindow(Duration.ofHours(6)));
        List<String> early = deliver("gmail.com", 10, T0);
        complain(early.get(0), "ann0@gmail.com", T0.plusSeconds(1));
        complain(early.get(1), "ann1@gmail.com", T0.plusSeconds(1));
        deliver("gmail.com", 10, T0.plus(Duration.ofHours(2)));

        GuardDecision d = decode(decisions.readKeyValue());
        assertThat(d.getCount()).as("a 6 h window still holds the early complaints (a 1 h one does not: above)").isEqualTo(2);
        assertThat(d.getBase()).isEqualTo(20);
        assertThat(driver.<String, RateWindow>getKeyValueStore(BounceTopology.GUARD_WINDOW_STORE).get(CAMPAIGN + "|google"))
                .as("a decided provider keeps no samples").isNull();
    }

    @Test
    void aWindowShorterThanAMinuteShouldBeRefusedNamingItsKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GUARD.withWindow(Duration.ofSeconds(30)))
                .hasMessageContaining("guard.window");
    }

    private CampaignStats stats() {
        return driver.<String, CampaignStats>getKeyValueStore(BounceTopology.CAMPAIGN_STATS_STORE).get(CAMPAIGN);
    }

    private GuardDecision decode(KeyValue<String, byte[]> kv) {
        return decisionSerde.deserializer().deserialize(Topics.GUARD_DECISIONS, kv.value);
    }

    private final java.util.Map<String, Integer> perDomain = new java.util.HashMap<>();

    /** {@code n} deliveries to {@code ann<i>@domain}, numbered on from earlier calls per domain; returns their message ids. */
    private List<String> deliver(String domain, int n) {
        return deliver(domain, n, T0);
    }

    private List<String> deliver(String domain, int n, Instant at) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "m" + sequence++;
            String recipient = "ann" + (perDomain.merge(domain, 1, Integer::sum) - 1) + "@" + domain;
            publish(event(id, recipient, Outcome.DELIVERED, 250, "2.0.0", "250 2.0.0 queued", at));
            ids.add(id);
        }
        return ids;
    }

    /** An ARF complaint (RFC 5965) about {@code messageId}, to its signed return path, as a feedback loop sends it. */
    private void complain(String messageId, String recipient) {
        complain(messageId, recipient, T0.plusSeconds(1));
    }

    private void complain(String messageId, String recipient, Instant at) {
        byte[] arf = SampleBounces.arf(TestReturnPaths.verp(messageId), messageId, null, recipient, recipient);
        RawBounce bounce = RawBounce.newBuilder().setReceivedAt(at).setEnvelopeFrom("").setEnvelopeTo(List.of(TestReturnPaths.verp(messageId)))
                .setRemoteAddress("127.0.0.1").setSource("smtp").setMessage(ByteBuffer.wrap(arf)).build();
        raw.pipeInput(messageId, rawSerde.serializer().serialize(Topics.BOUNCES_RAW, bounce), at);
    }

    /** A relay's DSN (RFC 3464, action failed, 5.1.1) to the signed return path of {@code messageId}, after it accepted the mail. */
    private void dsn(String messageId, String recipient) {
        byte[] report = SampleBounces.dsn(recipient, messageId, "5.1.1", "550 5.1.1 user unknown");
        RawBounce bounce = RawBounce.newBuilder().setReceivedAt(T0.plusSeconds(1)).setEnvelopeFrom("")
                .setEnvelopeTo(List.of(TestReturnPaths.verp(messageId))).setRemoteAddress("127.0.0.1").setSource("smtp")
                .setMessage(ByteBuffer.wrap(report)).build();
        raw.pipeInput(messageId, rawSerde.serializer().serialize(Topics.BOUNCES_RAW, bounce), T0.plusSeconds(1));
    }

    private void publish(DeliveryEvent e) {
        events.pipeInput(e.getMessageId(), eventSerde.serializer().serialize(Topics.DELIVERY_EVENTS, e), e.getTimestamp());
    }

    private static DeliveryEvent event(String messageId, String recipient, Outcome outcome, Integer code, String status,
                                       String text) {
        return event(messageId, recipient, outcome, code, status, text, T0);
    }

    private static DeliveryEvent event(String messageId, String recipient, Outcome outcome, Integer code, String status,
                                       String text, Instant at) {
        return DeliveryEvent.newBuilder().setMessageId(messageId).setCampaignId(CAMPAIGN).setRecipient(recipient)
                .setOutcome(outcome).setSmtpReplyCode(code).setEnhancedStatusCode(status).setReplyText(text)
                .setRemoteHost("mx.example.net").setAttempt(1).setTimestamp(at).setDispatcherId("d1").build();
    }
}
