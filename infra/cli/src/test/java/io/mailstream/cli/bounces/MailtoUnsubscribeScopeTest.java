package io.mailstream.cli.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.avro.Sender;
import io.mailstream.avro.Suppression;
import io.mailstream.bounces.topology.BounceTopology;
import io.mailstream.bounces.topology.TopologyConfig;
import io.mailstream.bounces.topology.TopologyCounters;
import io.mailstream.dispatcher.suppress.RocksSuppressionStore;
import io.mailstream.dispatcher.suppress.SuppressionStore;
import io.mailstream.dispatcher.suppress.UnsubscribeScope;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailto unsubscribe across both services, without a broker: the bounce topology turns mail to
 * a message's signed {@code unsubscribe+…} address into a suppression, and the dispatcher's store,
 * fed that record, blocks the campaign's own list only: another list's campaign and transactional
 * mail still go to the address (issue 13: "mailto unsubscribe → unsubscribed", with the list scope
 * the one-click page already had).
 */
class MailtoUnsubscribeScopeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final SignedVerp RETURN_PATHS = new SignedVerp(Domain.of("bounce.example.com"), VerpKeys.generate("t1"));

    @TempDir
    Path stateDir;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void aMailtoUnsubscribeShouldStopItsListOnlyNotAnotherListNorTransactionalMail() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "mailto-scope-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Map<String, byte[]> written;
        try (TopologyTestDriver driver = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(),
                TopologyConfig.defaults(), registry, new TopologyCounters(), Optional.of(RETURN_PATHS)), props, T0)) {
            var campaigns = driver.createInputTopic(Topics.CAMPAIGNS, new StringSerializer(), new ByteArraySerializer());
            var events = driver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
            var raw = driver.createInputTopic(Topics.BOUNCES_RAW, new StringSerializer(), new ByteArraySerializer());
            var out = driver.createOutputTopic(Topics.SUPPRESSIONS, new StringDeserializer(), new ByteArrayDeserializer());

            Campaign news = Campaign.newBuilder().setId("c-news").setVersion(1)
                    .setSender(Sender.newBuilder().setAddress("news@example.com").build()).setSubjectTemplate("s")
                    .setState(CampaignState.SENDING).setUpdatedAt(T0).setListId("news").build();
            campaigns.pipeInput("c-news", AvroSerde.forValue(Campaign.class, registry).serializer().serialize(Topics.CAMPAIGNS, news));
            DeliveryEvent delivered = DeliveryEvent.newBuilder().setMessageId("m1").setCampaignId("c-news")
                    .setRecipient("Pia@Example.org").setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250)
                    .setTimestamp(T0).setDispatcherId("d1").build();
            events.pipeInput("m1", AvroSerde.forValue(DeliveryEvent.class, registry).serializer()
                    .serialize(Topics.DELIVERY_EVENTS, delivered));
            RawBounce mail = RawBounce.newBuilder().setReceivedAt(T0).setEnvelopeFrom("pia@example.org")
                    .setEnvelopeTo(List.of(RETURN_PATHS.unsubscribeAddress("m1").asString()))
                    .setRemoteAddress("127.0.0.1").setSource("smtp")
                    .setMessage(ByteBuffer.wrap("Subject: unsubscribe\r\n\r\nunsubscribe\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .build();
            raw.pipeInput("m1", AvroSerde.forValue(RawBounce.class, registry).serializer().serialize(Topics.BOUNCES_RAW, mail));
            written = out.readKeyValuesToMap();
        }
        assertThat(written).containsOnlyKeys("pia@example.org");

        AvroSerde<Suppression> serde = AvroSerde.forValue(Suppression.class, registry);
        try (SuppressionStore store = RocksSuppressionStore.openTemporary(UnsubscribeScope.LIST, Clock.systemUTC())) {
            written.forEach((k, v) -> store.upsert(k, serde.deserializer().deserialize(Topics.SUPPRESSIONS, v)));
            store.endOfBatch(Map.of(0, 1L));
            EmailAddress pia = EmailAddress.parse("pia@example.org");

            assertThat(store.find(pia, MessageKind.CAMPAIGN, Optional.of("news"))).as("the list she left").isPresent();
            assertThat(store.find(pia, MessageKind.CAMPAIGN, Optional.of("offers"))).as("another list's campaign").isEmpty();
            assertThat(store.find(pia, MessageKind.TRANSACTIONAL, Optional.empty())).as("a password reset").isEmpty();
        }
    }
}
