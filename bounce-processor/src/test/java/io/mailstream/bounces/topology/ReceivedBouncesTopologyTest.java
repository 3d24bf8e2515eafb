package io.mailstream.bounces.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.avro.ReceivedAction;
import io.mailstream.avro.ReceivedBounce;
import io.mailstream.avro.Suppression;
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
import java.util.Optional;
import java.util.Properties;
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
 * Every DSN (RFC 3464) tied to its message reaches {@code mail.received-bounces}, failed (hard or soft) and
 * delayed, suppressing or not, with the message's campaign and recipient: what the webhooks post.
 */
class ReceivedBouncesTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String CAMPAIGN = "c1";

    @TempDir
    Path stateDir;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<RawBounce> rawSerde = AvroSerde.forValue(RawBounce.class, registry);
    private final AvroSerde<DeliveryEvent> eventSerde = AvroSerde.forValue(DeliveryEvent.class, registry);
    private final AvroSerde<ReceivedBounce> receivedSerde = AvroSerde.forValue(ReceivedBounce.class, registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, ReceivedBounce> received;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "received-bounces-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyConfig config = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
        driver = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(), config, registry, new TopologyCounters(),
                Optional.of(TestReturnPaths.RETURN_PATHS)), props, T0);
        raw = driver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
        events = driver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
        received = driver.createOutputTopic(Topics.RECEIVED_BOUNCES, new StringDeserializer(), receivedSerde.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void everyDsnTiedToItsMessageShouldBeWrittenHardSoftAndDelayedWithItsCampaignAndRecipient() {
        delivered("m1", "a@gmail.com");
        delivered("m2", "b@example.org");
        delivered("m3", "c@example.org");
        receive("m1", SampleBounces.dsn("a@gmail.com", "m1", "5.1.1", "550 5.1.1 user unknown"));
        receive("m2", SampleBounces.dsn("b@example.org", "m2", "5.2.2", "552 5.2.2 mailbox full"));
        receive("m3", delayed("c@example.org", "m3"));

        List<KeyValue<String, ReceivedBounce>> out = received.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactlyInAnyOrder("m1", "m2", "m3");
        ReceivedBounce hard = of(out, "m1");
        assertThat(hard.getAction()).isEqualTo(ReceivedAction.FAILED);
        assertThat(hard.getHard()).isTrue();
        assertThat(hard.getBounceClass()).isEqualTo("hard");
        assertThat(hard.getReason()).isEqualTo("userunknown");
        assertThat(hard.getCampaignId()).isEqualTo(CAMPAIGN);
        assertThat(hard.getRecipient()).isEqualTo("a@gmail.com");
        assertThat(hard.getProvider()).isEqualTo("google");
        assertThat(hard.getReceivedAt()).isEqualTo(T0);
        assertThat(hard.getStatus()).isEqualTo("5.1.1");
        assertThat(hard.getReplyText()).contains("550 5.1.1 user unknown");
        assertThat(hard.getSuppressed()).as("a hard DSN suppresses at once").isTrue();
        ReceivedBounce soft = of(out, "m2");
        assertThat(soft.getAction()).isEqualTo(ReceivedAction.FAILED);
        assertThat(soft.getHard()).as("one soft bounce suppresses nobody, but is written").isFalse();
        assertThat(soft.getBounceClass()).isEqualTo("soft");
        assertThat(soft.getReason()).isEqualTo("mailboxfull");
        assertThat(soft.getStatus()).isEqualTo("5.2.2");
        assertThat(soft.getCampaignId()).isEqualTo(CAMPAIGN);
        assertThat(soft.getSuppressed()).isFalse();
        ReceivedBounce delay = of(out, "m3");
        assertThat(delay.getAction()).isEqualTo(ReceivedAction.DELAYED);
        assertThat(delay.getHard()).isFalse();
        assertThat(delay.getBounceClass()).isNull();
        assertThat(delay.getCampaignId()).isEqualTo(CAMPAIGN);
        assertThat(delay.getRecipient()).isEqualTo("c@example.org");
        assertThat(delay.getProvider()).isNull();
        assertThat(delay.getStatus()).isEqualTo("4.4.7");
    }

    @Test
    void onlyTheSoftDsnThatReachesTheThresholdShouldSayItSuppressedAndItsSuppressionNameItsMessage() {
        TestOutputTopic<String, Suppression> suppressions = driver.createOutputTopic(Topics.SUPPRESSIONS, new StringDeserializer(),
                AvroSerde.forValue(Suppression.class, registry).deserializer());
        for (String m : List.of("m1", "m2", "m3")) {
            delivered(m, "full@example.org");
        }
        for (String m : List.of("m1", "m2", "m3")) {
            receive(m, SampleBounces.dsn("full@example.org", m, "5.2.2", "552 5.2.2 mailbox full"));
        }

        List<KeyValue<String, ReceivedBounce>> out = received.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly("m1", "m2", "m3");
        assertThat(out).extracting(kv -> kv.value.getSuppressed()).as("the threshold is 3").containsExactly(false, false, true);
        assertThat(out).extracting(kv -> kv.value.getHard()).containsOnly(false);
        List<Suppression> written = suppressions.readValuesToList();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getMessageId()).as("the DSN that suppressed, posted once from here").isEqualTo("m3");
        assertThat(written.get(0).getExpiresAt()).isNotNull();
    }

    @Test
    void aDelayNoticeThatOvertakesItsDeliveryEventShouldBeWrittenOnceTheEventArrives() {
        receive("m1", delayed("a@example.org", "m1"));
        assertThat(received.isEmpty()).as("held: its message is not known yet").isTrue();
        delivered("m1", "a@example.org");
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        List<KeyValue<String, ReceivedBounce>> out = received.readKeyValuesToList();
        assertThat(out).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("m1");
            assertThat(kv.value.getAction()).isEqualTo(ReceivedAction.DELAYED);
            assertThat(kv.value.getCampaignId()).isEqualTo(CAMPAIGN);
            assertThat(kv.value.getRecipient()).isEqualTo("a@example.org");
        });
    }

    @Test
    void theDsnsOfATenantsMessageAndTheSuppressionsTheyMakeShouldNameItsTenant() {
        TestOutputTopic<String, Suppression> suppressions = driver.createOutputTopic(Topics.SUPPRESSIONS, new StringDeserializer(),
                AvroSerde.forValue(Suppression.class, registry).deserializer());
        delivered("m1", "a@example.org", "acme");
        delivered("m2", "b@example.org", "acme");
        delivered("m3", "c@example.org", "acme");
        delivered("m4", "d@example.org");
        receive("m1", SampleBounces.dsn("a@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));
        receive("m2", SampleBounces.dsn("b@example.org", "m2", "5.2.2", "552 5.2.2 mailbox full"));
        receive("m3", delayed("c@example.org", "m3"));
        receive("m4", SampleBounces.dsn("d@example.org", "m4", "5.2.2", "552 5.2.2 mailbox full"));

        List<KeyValue<String, ReceivedBounce>> out = received.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactlyInAnyOrder("m1", "m2", "m3", "m4");
        for (String m : List.of("m1", "m2", "m3")) {
            assertThat(of(out, m).getTenant()).as(m).isEqualTo("acme");
        }
        assertThat(of(out, "m4").getTenant()).as("a message of the default tenant").isNull();
        assertThat(suppressions.readValuesToList()).singleElement()
                .satisfies(s -> assertThat(s.getTenant()).as("the hard DSN's suppression").isEqualTo("acme"));
    }

    @Test
    void dsnsForUnknownForgedOrMisaddressedMessagesShouldBeWrittenNowhere() {
        delivered("m1", "a@example.org");
        receive("m9", SampleBounces.dsn("z@example.org", "m9", "5.1.1", "550 5.1.1 user unknown"));
        receive("m9", delayed("z@example.org", "m9"));
        // a forged return path (the receiver refuses it at RCPT) naming someone else
        receiveAt("bounces+m1.t1-aaaaaaaaaaaaaaaa@bounce.example.com", "m1",
                SampleBounces.dsn("other@example.org", "m1", "5.1.1", "550 5.1.1 user unknown"));
        receive("m1", SampleBounces.dsn("other@example.org", "m1", "5.2.2", "552 5.2.2 mailbox full"));
        receive("m1", delayed("other@example.org", "m1"));
        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(received.readKeyValuesToList()).isEmpty();
    }

    private static ReceivedBounce of(List<KeyValue<String, ReceivedBounce>> out, String messageId) {
        return out.stream().filter(kv -> kv.key.equals(messageId)).findFirst().orElseThrow().value;
    }

    private static byte[] delayed(String recipient, String messageId) {
        return new String(SampleBounces.dsn(recipient, messageId, "4.4.7", "451 4.4.7 delivery delayed"),
                StandardCharsets.US_ASCII).replace("Action: failed", "Action: delayed").getBytes(StandardCharsets.US_ASCII);
    }

    private void delivered(String messageId, String recipient) {
        delivered(messageId, recipient, null);
    }

    private void delivered(String messageId, String recipient, String tenant) {
        DeliveryEvent e = DeliveryEvent.newBuilder().setTenant(tenant).setMessageId(messageId).setCampaignId(CAMPAIGN).setRecipient(recipient)
                .setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250).setEnhancedStatusCode("2.0.0").setReplyText("250 2.0.0 queued")
                .setRemoteHost("relay.example.net").setAttempt(1).setTimestamp(T0).setDispatcherId("d1").build();
        events.pipeInput(messageId, eventSerde.serializer().serialize(Topics.DELIVERY_EVENTS, e), T0);
    }

    private void receive(String messageId, byte[] message) {
        receiveAt(TestReturnPaths.verp(messageId), messageId, message);
    }

    private void receiveAt(String envelopeTo, String key, byte[] message) {
        RawBounce bounce = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("").setEnvelopeTo(List.of(envelopeTo))
                .setRemoteAddress("127.0.0.1").setSource("smtp").setMessage(ByteBuffer.wrap(message)).build();
        raw.pipeInput(key, rawSerde.serializer().serialize(Topics.BOUNCES_RAW, bounce), T0);
    }
}
