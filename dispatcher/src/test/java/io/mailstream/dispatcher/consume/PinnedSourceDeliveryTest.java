package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.lane.LaneSettings;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.dispatcher.sending.PinnedSource;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.suppress.SuppressionList;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.throttle.AdaptiveSettings;
import io.mailstream.dispatcher.throttle.AdaptiveStateStore;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.dispatcher.throttle.PoolNames;
import io.mailstream.dispatcher.warmup.InMemoryWarmupCounters;
import io.mailstream.dispatcher.warmup.ScheduledWarmup;
import io.mailstream.dispatcher.warmup.WarmupDay;
import io.mailstream.dispatcher.warmup.WarmupSchedule;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery worker hands the address pacing chose (per-address warm-up) down to the connection
 * ({@link PinnedSource}), through the whole consume path: a new IP (127.0.0.2, 3 on day 1, overflow)
 * beside a warm one in the pool {@code default}; the transport records the pinned address of each send.
 */
class PinnedSourceDeliveryTest {
    private static final TopicPartition OUT = new TopicPartition(Topics.OUTBOUND, 0);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final List<String> sentFrom = new CopyOnWriteArrayList<>();
    private ConsumeLoop loop;

    private final MailTransport transport = new MailTransport() {
        @Override
        public DeliveryOutcome send(RenderedMessage m) {
            sentFrom.add(PinnedSource.CURRENT.isBound() ? PinnedSource.CURRENT.get().getHostAddress() : "not pinned");
            return new DeliveryOutcome.Delivered(SmtpReply.of(250, "250 2.0.0 ok"), "sink");
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void tearDown() {
        loop.shutdown(Duration.ofMillis(200));
    }

    @Test
    void eachMessageShouldBeSentFromTheAddressWhoseBudgetItTookAndOverflowToTheWarmOne() {
        LocalDate today = Fixtures.NOW.atZone(ZoneOffset.UTC).toLocalDate();
        WarmupSchedule newIp = new WarmupSchedule("new-ip", "default", Optional.empty(), today, List.of(new WarmupDay(1, 3, 1000)),
                Optional.of("127.0.0.2"), true);
        Pacing pacing = new Pacing(TrafficPolicies.defaultsOnly(), DomainShards.NONE, PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS,
                new ScheduledWarmup(List.of(newIp), 1, new InMemoryWarmupCounters()), Pacing.DEFAULT_MAX_WAIT_IN_MEMORY,
                AdaptiveStateStore.inMemory(), 0, pool -> List.of("127.0.0.1", "127.0.0.2"), clock);
        CampaignCache campaigns = new CampaignCache();
        campaigns.upsert("c1", Fixtures.campaign("c1").build());
        MessageProcessor processor = new MessageProcessor(campaigns, new SuppressionList(clock),
                new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")), clock), transport, clock,
                Duration.ofMillis(20), pacing);
        loop = new ConsumeLoop(consumer, producer, registry, processor, clock, "d1", Duration.ofMillis(1),
                new EngineSettings(1, 1, 100, 1000, Duration.ZERO, EventAckWindow.unbounded(), new LaneSettings(0, 1000)),
                RetryPolicy.withMaxAge(Duration.ofDays(3)), Duration.ofSeconds(5));
        loop.subscribe();
        consumer.rebalance(List.of(OUT));
        consumer.updateBeginningOffsets(Map.of(OUT, 0L));
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        for (int i = 0; i < 10; i++) {
            MailMessage m = Fixtures.campaignMessage("c1", "user" + i + "@example.com", Map.of("name", "N")).build();
            consumer.addRecord(new ConsumerRecord<>(OUT.topic(), 0, i, "example.com".getBytes(StandardCharsets.UTF_8),
                    messages.serializer().serialize(OUT.topic(), m)));
        }

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            loop.pollOnce();
            return sentFrom.size() == 10;
        });

        assertThat(sentFrom.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("127.0.0.2", 3L, "127.0.0.1", 7L));
    }
}
