package io.mailstream.bounces.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import io.mailstream.bounces.stats.EngagementStats;
import io.mailstream.bounces.stats.EngagementTally;
import io.mailstream.bounces.stats.LinkStats;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
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

/** Clicks and opens per campaign and per link (issue 18): totals, uniques per message, machines apart; the topology and the status scan agree. */
class EngagementStatsTopologyTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path stateDir;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<EngagementEvent> serde = AvroSerde.forValue(EngagementEvent.class, registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> engagement;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "engagement-stats-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyConfig config = new TopologyConfig(3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
        driver = new TopologyTestDriver(BounceTopology.build(new StreamsBuilder(), config, registry, new TopologyCounters()), props, T0);
        engagement = driver.createInputTopic(Topics.ENGAGEMENT, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static EngagementEvent click(String campaign, String message, int link, boolean machine) {
        return event(campaign, message, EngagementKind.CLICKED, link, machine);
    }

    private static EngagementEvent open(String campaign, String message, boolean machine) {
        return event(campaign, message, EngagementKind.OPENED, null, machine);
    }

    private static EngagementEvent event(String campaign, String message, EngagementKind kind, Integer link, boolean machine) {
        return EngagementEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setMessageId(message).setCampaignId(campaign)
                .setTenant(null).setKind(kind).setLinkIndex(link).setUrl(link == null ? null : "https://acme.example/" + link)
                .setMachine(machine).setMachineReason(machine ? "user-agent" : null).setClientClass(machine ? "SCANNER" : "BROWSER")
                .setIpClass("PUBLIC_V4").setIp(null).setUserAgent(null).setSentAt(T0).setTimestamp(T0.plusSeconds(60)).build();
    }

    private final List<EngagementEvent> sample = List.of(
            click("c1", "m1", 0, false), click("c1", "m1", 0, false), click("c1", "m1", 1, false),
            click("c1", "m2", 0, false), click("c1", "m3", 0, true),
            open("c1", "m1", false), open("c1", "m1", false), open("c1", "m2", true), open("c1", "m3", false),
            click("c2", "m9", 0, false), click(null, "t1", 0, false));

    @Test
    void clicksAndOpensShouldCountTotalsUniquesPerMessageAndPerLinkWithMachinesApart() {
        sample.forEach(e -> engagement.pipeInput(e.getMessageId(), serde.serializer().serialize(Topics.ENGAGEMENT, e)));

        EngagementStats s = (EngagementStats) driver.getKeyValueStore(BounceTopology.CAMPAIGN_ENGAGEMENT_STORE).get("c1");
        assertThat(s.clicks()).isEqualTo(4);
        assertThat(s.uniqueClicks()).isEqualTo(2);
        assertThat(s.opens()).isEqualTo(3);
        assertThat(s.uniqueOpens()).isEqualTo(2);
        assertThat(s.machineClicks()).isEqualTo(1);
        assertThat(s.machineOpens()).isEqualTo(1);
        assertThat(s.links()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "0", new LinkStats(0, "https://acme.example/0", 3, 2),
                "1", new LinkStats(1, "https://acme.example/1", 1, 1)));
        assertThat(((EngagementStats) driver.getKeyValueStore(BounceTopology.CAMPAIGN_ENGAGEMENT_STORE).get("c2")).clicks()).isEqualTo(1);

        EngagementTally tally = new EngagementTally("c1");
        sample.forEach(tally::accept);
        assertThat(tally.stats()).isEqualTo(s);
    }
}
