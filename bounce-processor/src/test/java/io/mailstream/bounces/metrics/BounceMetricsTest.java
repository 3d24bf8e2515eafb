package io.mailstream.bounces.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.TestReturnPaths;
import io.mailstream.bounces.topology.BounceTopology;
import io.mailstream.bounces.topology.TopologyConfig;
import io.mailstream.bounces.topology.TopologyCounters;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounce processor's meters, driven through the real topology (TopologyTestDriver, no broker). */
class BounceMetricsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<RawBounce> rawSerde = AvroSerde.forValue(RawBounce.class, registry);
    private final AvroSerde<DeliveryEvent> eventSerde = AvroSerde.forValue(DeliveryEvent.class, registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestInputTopic<String, byte[]> events;

    @BeforeEach
    void start() {
        BounceMetrics metrics = new BounceMetrics(meters);
        TopologyCounters counters = new TopologyCounters(metrics);
        metrics.bindCounters(counters);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounce-metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyConfig config = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
        driver = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(), config, registry, counters), props, T0);
        raw = driver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
        events = driver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void bouncesComplaintsAndSuppressionsShouldBeCountedByKindReasonAndSource() {
        mailed("m1", "alice@example.org");
        mailed("m2", "bob@example.org");
        receive("m1", SampleBounces.dsn("alice@example.org", "m1", "5.1.1", "550 5.1.1 <alice@example.org>: user unknown"));
        receive("m2", SampleBounces.complaint("bob@example.org", "m2"));
        receive("m3", SampleBounces.autoReply("carol@example.org"));
        receive("m4", "this is not a bounce at all".getBytes(StandardCharsets.UTF_8));
        events.pipeInput("m5", eventSerde.serializer().serialize(Topics.DELIVERY_EVENTS, DeliveryEvent.newBuilder()
                .setMessageId("m5").setRecipient("dave@example.org").setOutcome(Outcome.BOUNCED).setSmtpReplyCode(550)
                .setEnhancedStatusCode("5.1.1").setReplyText("550 5.1.1 user unknown").setAttempt(1).setTimestamp(T0)
                .setDispatcherId("d1").build()), T0);
        events.pipeInput("m6", new byte[] {1, 2, 3}, T0);

        assertThat(count(BounceMetrics.RECEIVED, "kind", "dsn")).isEqualTo(1);
        assertThat(count(BounceMetrics.RECEIVED, "kind", "feedback")).isEqualTo(1);
        assertThat(count(BounceMetrics.RECEIVED, "kind", "auto_reply")).isEqualTo(1);
        assertThat(count(BounceMetrics.RECEIVED, "kind", "unparseable")).isEqualTo(1);
        assertThat(count(BounceMetrics.BOUNCES, "source", "bounce_message")).isEqualTo(2);
        assertThat(count(BounceMetrics.BOUNCES, "source", "delivery_event")).isEqualTo(1);
        assertThat(count(BounceMetrics.BOUNCES, "reason", "userunknown")).isEqualTo(2);
        assertThat(count(BounceMetrics.BOUNCES, "kind", "complaint")).isEqualTo(1);
        assertThat(meters.get(BounceMetrics.COMPLAINTS).counter().count()).isEqualTo(1.0);
        assertThat(count(BounceMetrics.SUPPRESSIONS, "source", "bounce")).isEqualTo(2);
        assertThat(count(BounceMetrics.SUPPRESSIONS, "source", "complaint")).isEqualTo(1);
        assertThat(meters.get(BounceMetrics.CORRUPT).functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void failuresOfReportsThatSuppressNobodyShouldBeCountedByReason() {
        mailed("m1", "alice@example.org");
        receive("m1", SampleBounces.dsn("mallory-target@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));
        receive("m9", SampleBounces.dsn("never-mailed@example.org", "m9", "5.1.1", "550 5.1.1 user unknown"));
        assertThat(meters.get(BounceMetrics.PENDING).gauge().value()).as("m9 waits for its delivery event").isEqualTo(1.0);
        driver.advanceWallClockTime(io.mailstream.bounces.topology.TopologyConfig.DEFAULT_PENDING_REPORT_HOLD);

        assertThat(count(BounceMetrics.NOT_APPLIED, "reason", "recipient_mismatch")).isEqualTo(1);
        assertThat(count(BounceMetrics.NOT_APPLIED, "reason", "unknown_message")).isEqualTo(1);
        assertThat(meters.get(BounceMetrics.PENDING).gauge().value()).isZero();
        assertThat(meters.find(BounceMetrics.SUPPRESSIONS).counters()).isEmpty();
    }

    @Test
    void lowConfidenceHardBouncesShouldBeCountedAsProvisionalHard() {
        mailed("m1", "lou@example.org");
        receive("m1", SampleBounces.dsn("lou@example.org", "m1", "5.0.0", "550 User unknown (in reply to RCPT TO command)"));

        assertThat(count(BounceMetrics.BOUNCES, "kind", "provisional_hard")).isEqualTo(1);
        assertThat(count(BounceMetrics.BOUNCES, "kind", "hard")).isZero();
        assertThat(meters.find(BounceMetrics.SUPPRESSIONS).counters()).as("held, not suppressed").isEmpty();
    }

    @Test
    void labelValuesShouldComeFromFixedSets() {
        receive("m1", SampleBounces.dsn("alice@example.org", "m1", "5.1.1", "550 5.1.1 <alice@example.org>: user unknown"));
        receive("m2", SampleBounces.dsn("erin@example.org", "m2", "4.2.2", "452 4.2.2 mailbox full"));
        receive("m3", SampleBounces.complaint("bob@example.org", "m3"));

        Set<String> kinds = tagValues(BounceMetrics.BOUNCES, "kind");
        Set<String> reasons = tagValues(BounceMetrics.BOUNCES, "reason");
        assertThat(kinds).isSubsetOf("hard", "provisional_hard", "soft", "complaint");
        Set<String> knownReasons = java.util.Arrays.stream(io.mailstream.bounces.BounceReason.values())
                .map(io.mailstream.bounces.BounceReason::sisimaiName).collect(Collectors.toSet());
        knownReasons.add("complaint");
        assertThat(reasons).isSubsetOf(knownReasons).doesNotContain("alice@example.org", "example.org");
    }

    @Test
    void healthShouldBeReadyOnlyWhenStreamsRunsAndTheReceiverListens() {
        java.util.concurrent.atomic.AtomicReference<KafkaStreams.State> state =
                new java.util.concurrent.atomic.AtomicReference<>(KafkaStreams.State.CREATED);
        java.util.concurrent.atomic.AtomicBoolean listening = new java.util.concurrent.atomic.AtomicBoolean(true);
        BounceProcessorHealth health = new BounceProcessorHealth(state::get, listening::get);

        assertThat(health.readiness().up()).isFalse();
        state.set(KafkaStreams.State.RUNNING);
        assertThat(health.readiness().up()).isTrue();
        state.set(KafkaStreams.State.REBALANCING);
        assertThat(health.readiness().up()).isTrue();
        listening.set(false);
        assertThat(health.readiness().up()).isFalse();
        assertThat(health.liveness().up()).isTrue();
        state.set(KafkaStreams.State.ERROR);
        assertThat(health.liveness().up()).isFalse();
        assertThat(health.liveness().details()).containsEntry("streamsState", "ERROR");
    }

    private double count(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private Set<String> tagValues(String name, String tag) {
        return meters.find(name).counters().stream().map(c -> c.getId().getTag(tag)).collect(Collectors.toSet());
    }

    private void mailed(String messageId, String recipient) {
        events.pipeInput(messageId, eventSerde.serializer().serialize(Topics.DELIVERY_EVENTS, DeliveryEvent.newBuilder()
                .setMessageId(messageId).setRecipient(recipient).setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250)
                .setAttempt(1).setTimestamp(T0).setDispatcherId("d1").build()), T0);
    }

    private void receive(String key, byte[] message) {
        RawBounce bounce = RawBounce.newBuilder()
                .setReceivedAt(T0)
                .setEnvelopeFrom("")
                .setEnvelopeTo(List.of(TestReturnPaths.verp(key)))
                .setRemoteAddress("127.0.0.1")
                .setSource("smtp")
                .setMessage(ByteBuffer.wrap(message))
                .build();
        raw.pipeInput(key, rawSerde.serializer().serialize(Topics.BOUNCES_RAW, bounce), T0);
    }
}
