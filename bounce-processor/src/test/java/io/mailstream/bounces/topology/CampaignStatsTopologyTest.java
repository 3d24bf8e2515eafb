package io.mailstream.bounces.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.TestReturnPaths;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign statistics count every outcome: DSNs received after a relay accepted a message
 * (RFC 3464) move it from delivered to bounced, delayed DSNs count as deferrals, each message once.
 */
class CampaignStatsTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String CAMPAIGN = "c1";

    @TempDir
    Path stateDir;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<RawBounce> rawSerde = AvroSerde.forValue(RawBounce.class, registry);
    private final AvroSerde<DeliveryEvent> eventSerde = AvroSerde.forValue(DeliveryEvent.class, registry);
    private final TopologyCounters counters = new TopologyCounters();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestInputTopic<String, byte[]> events;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "campaign-stats-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyConfig config = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
        driver = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(), config, registry, counters,
                Optional.of(TestReturnPaths.RETURN_PATHS)), props, T0);
        raw = driver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
        events = driver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aDsnAfterDeliveryToARelayShouldMoveTheMessageFromDeliveredToBounced() {
        delivered("m1", "a@example.org");
        delivered("m2", "b@example.org");
        receive("m1", SampleBounces.dsn("a@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));

        CampaignStats s = stats();
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.bounced()).isEqualTo(1);
        assertThat(s.bouncedAfterDelivery()).isEqualTo(1);
        assertThat(s.bouncedByReason()).isEqualTo(Map.of("userunknown", 1L));
        assertThat(s.finishedMessages()).as("the message is still finished once: DONE is unaffected").isEqualTo(2);
    }

    @Test
    void aSecondDsnForTheSameMessageShouldNotCountTwice() {
        delivered("m1", "a@example.org");
        byte[] dsn = SampleBounces.dsn("a@example.org", "m1", "5.1.1", "550 5.1.1 user unknown");
        receive("m1", dsn);
        receive("m1", dsn);
        receive("m1", SampleBounces.dsn("a@example.org", "m1", "5.2.2", "552 5.2.2 mailbox full"));

        CampaignStats s = stats();
        assertThat(s.delivered()).isZero();
        assertThat(s.bounced()).isEqualTo(1);
        assertThat(s.bouncedByReason()).isEqualTo(Map.of("userunknown", 1L));
        assertThat(s.finishedMessages()).isEqualTo(1);
    }

    @Test
    void aDsnForAMessageAlreadyCountedAsBouncedShouldChangeNothing() {
        publish(event("m1", "a@example.org", Outcome.BOUNCED, 550, "5.1.1", "user unknown"));
        receive("m1", SampleBounces.dsn("a@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));

        CampaignStats s = stats();
        assertThat(s.bounced()).isEqualTo(1);
        assertThat(s.bouncedAfterDelivery()).isZero();
        assertThat(s.finishedMessages()).isEqualTo(1);
    }

    @Test
    void dsnsForUnknownForgedOrMisaddressedMessagesShouldChangeNothing() {
        delivered("m1", "a@example.org");
        // no delivery event of m9: unknown
        receive("m9", SampleBounces.dsn("z@example.org", "m9", "5.1.1", "550 5.1.1 user unknown"));
        // a return path with a forged signature: the receiver would refuse it, and its id is not ours either
        receiveAt("bounces+m1.t1-aaaaaaaaaaaaaaaa@bounce.example.com", "m1",
                SampleBounces.dsn("other@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));
        // the real return path of m1, but naming someone m1 was not sent to
        receive("m1", SampleBounces.dsn("other@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));
        driver.advanceWallClockTime(Duration.ofHours(1));

        CampaignStats s = stats();
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.bounced()).isZero();
    }

    @Test
    void aDsnThatOvertakesItsDeliveryEventShouldCountTheMessageAsBouncedOnce() {
        // the relay's DSN is read before the dispatcher's DELIVERED event: the recipient check holds it
        receive("m1", SampleBounces.dsn("a@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));
        delivered("m1", "a@example.org");
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        CampaignStats s = stats();
        assertThat(s.delivered()).isZero();
        assertThat(s.bounced()).isEqualTo(1);
        assertThat(s.bouncedByReason()).isEqualTo(Map.of("userunknown", 1L));
        assertThat(s.finishedMessages()).isEqualTo(1);
    }

    @Test
    void aDelayedDsnShouldCountAsADeferralAndLeaveTheMessageDelivered() {
        delivered("m1", "a@example.org");
        receive("m1", delayed("a@example.org", "m1"));

        CampaignStats s = stats();
        assertThat(s.deferred()).isEqualTo(1);
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.bounced()).isZero();
    }

    @Test
    void aTextOnlyDelayWarningShouldCountAsADeferralAndLeaveTheMessageDelivered() {
        delivered("m1", "a@example.org");
        receive("m1", SampleBounces.eximDelayWarning("a@example.org", "m1", "452 4.2.2 mailbox full"));

        CampaignStats s = stats();
        assertThat(s.deferred()).isEqualTo(1);
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.bounced()).isZero();
    }

    @Test
    void aDelayedDsnThatOvertakesItsDeliveryEventShouldCountAsADeferralOfADeliveredMessage() {
        // a relay sends its delay notice quickly: read before the dispatcher's DELIVERED event
        receive("m1", delayed("a@example.org", "m1"));
        assertThat(driver.<String, CampaignStats>getKeyValueStore(BounceTopology.CAMPAIGN_STATS_STORE).get(CAMPAIGN))
                .as("nothing known of its campaign yet").isNull();
        delivered("m1", "a@example.org");
        delivered("m2", "b@example.org");
        receive("m2", delayed("b@example.org", "m2"));
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        CampaignStats s = stats();
        assertThat(s.delivered()).as("each message once, whichever came first").isEqualTo(2);
        assertThat(s.deferred()).isEqualTo(2);
        assertThat(s.finishedMessages()).isEqualTo(2);
    }

    @Test
    void aDelayedDsnForAnUnknownMessageShouldCountNothing() {
        delivered("m1", "a@example.org");
        receive("m9", delayed("z@example.org", "m9"));

        assertThat(stats().deferred()).isZero();
    }

    @Test
    void aRepeatedDeliveredEventAfterALateBounceShouldNotBringTheMessageBack() {
        delivered("m1", "a@example.org");
        receive("m1", SampleBounces.dsn("a@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));
        delivered("m1", "a@example.org");

        CampaignStats s = stats();
        assertThat(s.delivered()).isZero();
        assertThat(s.bounced()).isEqualTo(1);
        assertThat(s.finishedMessages()).isEqualTo(1);
    }

    private CampaignStats stats() {
        CampaignStats s = driver.<String, CampaignStats>getKeyValueStore(BounceTopology.CAMPAIGN_STATS_STORE).get(CAMPAIGN);
        assertThat(s).as("stats of " + CAMPAIGN).isNotNull();
        return s;
    }

    private static byte[] delayed(String recipient, String messageId) {
        return new String(SampleBounces.dsn(recipient, messageId, "4.4.7", "451 4.4.7 delivery delayed"),
                StandardCharsets.US_ASCII).replace("Action: failed", "Action: delayed").getBytes(StandardCharsets.US_ASCII);
    }

    private void delivered(String messageId, String recipient) {
        publish(event(messageId, recipient, Outcome.DELIVERED, 250, "2.0.0", "250 2.0.0 queued as 1234"));
    }

    private void receive(String messageId, byte[] message) {
        receiveAt(TestReturnPaths.verp(messageId), messageId, message);
    }

    private void receiveAt(String envelopeTo, String key, byte[] message) {
        RawBounce bounce = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("").setEnvelopeTo(List.of(envelopeTo))
                .setRemoteAddress("127.0.0.1").setSource("smtp").setMessage(ByteBuffer.wrap(message)).build();
        raw.pipeInput(key, rawSerde.serializer().serialize(Topics.BOUNCES_RAW, bounce), T0);
    }

    private void publish(DeliveryEvent e) {
        events.pipeInput(e.getMessageId(), eventSerde.serializer().serialize(Topics.DELIVERY_EVENTS, e), e.getTimestamp());
    }

    private static DeliveryEvent event(String messageId, String recipient, Outcome outcome, Integer code, String status,
                                       String text) {
        return DeliveryEvent.newBuilder().setMessageId(messageId).setCampaignId(CAMPAIGN).setRecipient(recipient)
                .setOutcome(outcome).setSmtpReplyCode(code).setEnhancedStatusCode(status).setReplyText(text)
                .setRemoteHost("relay.example.net").setAttempt(1).setTimestamp(T0).setDispatcherId("d1").build();
    }
}
