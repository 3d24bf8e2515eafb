package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.config.DeliverySettings;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.RoutingKey;
import io.mailstream.schemas.address.Site;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A site's budget holds across the fleet: two dispatchers in one group share the four shards of a
 * site of 200 domains with a policy of 50 msg/s and 10 connections; a receiving sink records when
 * each transaction started and ended. The total rate and the concurrent transactions stay within 10 %.
 */
class SiteBudgetIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final String CAMPAIGN = "site-budget";
    private static final DomainShards SHARDS = DomainShards.parse("site:google=4");
    private static final int MESSAGES = 300;

    @Test
    void twoDispatchersShouldHoldASitesRateAndConnectionsInTotal() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        List<SinkTransaction> transactions = new CopyOnWriteArrayList<>();
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults(), transactions::add)) {
            DispatcherConfig.Builder config = DispatcherConfig.builder()
                    .bootstrapServers(STACK.bootstrapServers())
                    .schemaRegistryUrl(STACK.schemaRegistryUrl())
                    .smtpHost(sink.host())
                    .smtpPort(sink.port())
                    .bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                    .groupId("site-budget")
                    .pollTimeout(Duration.ofMillis(100))
                    .shutdownGracePeriod(Duration.ofSeconds(10))
                    // 4 shards x 8 workers each could open 32 transactions at once: only the pacing keeps them at 10
                    .engine(DeliverySettings.defaults().withEngine(EngineSettings.forWorkers(32, 8)))
                    .pacing(PacingProperties.parse(Map.of(
                            "domain-shards", SHARDS.asSpec(),
                            "policy.google.sites", "google",
                            "policy.google.max-per-second", "50",
                            "policy.google.max-connections", "10")));
            publish(registry);

            try (Dispatcher a = Dispatcher.create(config.dispatcherId("site-a").build(), registry);
                 Dispatcher b = Dispatcher.create(config.dispatcherId("site-b").build(), registry)) {
                a.start();
                b.start();
                assertThat(sink.awaitCount(MESSAGES, Duration.ofMinutes(3))).as("every message delivered").isTrue();
            }
        }
        List<SinkTransaction> accepted = transactions.stream().filter(SinkTransaction::accepted)
                .sorted(Comparator.comparing(SinkTransaction::started)).toList();
        assertThat(accepted).hasSize(MESSAGES);
        int maxPerSecond = maxStartedPerWindow(accepted, Duration.ofSeconds(1));
        int maxConcurrent = maxConcurrent(accepted);
        double seconds = Duration.between(accepted.getFirst().started(), accepted.getLast().started()).toMillis() / 1000.0;
        System.out.printf("site budget: %d messages in %.1f s (%.1f/s), at most %d in any second, at most %d at once%n",
                MESSAGES, seconds, (MESSAGES - 1) / seconds, maxPerSecond, maxConcurrent);
        assertThat(maxPerSecond).as("50/s for the whole site, within 10 %").isLessThanOrEqualTo(55);
        assertThat((MESSAGES - 1) / seconds).as("the total rate").isLessThanOrEqualTo(55.0);
        assertThat(maxConcurrent).as("10 connections for the whole site").isLessThanOrEqualTo(10);
    }

    private static void publish(SchemaRegistry registry) throws Exception {
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        try (KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(CAMPAIGN), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(CAMPAIGN).build()))).get();
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String domain = "workspace" + (i % 200) + ".example";
                EmailAddress to = EmailAddress.parse("user" + i + "@" + domain);
                String key = RoutingKey.of(to, Site.of("google"), SHARDS).asString();
                MailMessage m = Fixtures.campaignMessage(CAMPAIGN, to.asString(), Map.of("name", "U" + i))
                        .setRoutingKey(key).setCreatedAt(Instant.now()).build();
                acks.add(producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(key), messages.serializer().serialize(Topics.OUTBOUND, m))));
            }
            for (var ack : acks) {
                ack.get();
            }
        }
    }

    private static int maxStartedPerWindow(List<SinkTransaction> sorted, Duration window) {
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (j < sorted.size() && sorted.get(j).started().isBefore(sorted.get(i).started().plus(window))) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

    private static int maxConcurrent(List<SinkTransaction> transactions) {
        List<long[]> edges = new ArrayList<>();
        for (SinkTransaction t : transactions) {
            edges.add(new long[] {t.started().toEpochMilli() * 1000 + t.started().getNano() / 1000 % 1000, +1});
            edges.add(new long[] {t.ended().toEpochMilli() * 1000 + t.ended().getNano() / 1000 % 1000, -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])); // an end before a start at the same instant
        int open = 0;
        int max = 0;
        for (long[] e : edges) {
            open += (int) e[1];
            max = Math.max(max, open);
        }
        return max;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
