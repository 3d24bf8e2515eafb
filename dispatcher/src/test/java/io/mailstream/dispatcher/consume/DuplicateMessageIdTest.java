package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.ledger.InMemorySentLedger;
import io.mailstream.dispatcher.ledger.LedgerSettings;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.OutcomeListener;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.suppress.SuppressionList;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sent-ledger keyed by message id in the consume loop: a second record of a message id that
 * already has an outcome (a relaunch, an API or producer retry) is completed without SMTP and
 * without a second event, and counted; two copies in flight together are not both sent.
 */
class DuplicateMessageIdTest {
    private static final TopicPartition OUT = new TopicPartition(Topics.OUTBOUND, 0);
    private static final TopicPartition TX = new TopicPartition(Topics.TRANSACTIONAL, 0);
    private static final TopicPartition RETRY1 = new TopicPartition(Topics.retryTopic(Topics.RETRY_DELAYS.get(0)), 0);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
    private final AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final CampaignCache campaigns = new CampaignCache();
    private final List<String> sentTo = new CopyOnWriteArrayList<>();
    private final InMemorySentLedger ledger = new InMemorySentLedger(clock, Duration.ofDays(30));
    private final Map<TopicPartition, Long> nextOffset = new java.util.HashMap<>();
    private ConsumeLoop loop;

    private final MailTransport transport = new MailTransport() {
        @Override
        public DeliveryOutcome send(RenderedMessage m) {
            sentTo.add(m.recipient().asString());
            if (m.recipient().localPart().equals("later")) {
                return DeliveryOutcome.Deferred.byReply(SmtpReply.of(451, "451 4.3.0 later"), "sink");
            }
            return new DeliveryOutcome.Delivered(SmtpReply.of(250, "250 2.0.0 ok"), "sink");
        }

        @Override
        public void close() {
        }
    };

    private void start(int workers) {
        campaigns.upsert("c1", Fixtures.campaign("c1").build());
        MessageProcessor processor = new MessageProcessor(campaigns, new SuppressionList(clock),
                new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")), clock), transport, clock, Duration.ofMillis(20));
        loop = new ConsumeLoop(consumer, producer, registry, processor, clock, "d1", Duration.ofMillis(1),
                new EngineSettings(workers, workers, 100, 1000, Duration.ZERO, EventAckWindow.unbounded()), RetryPolicy.withMaxAge(Duration.ofDays(3)),
                Duration.ofSeconds(5), OutcomeListener.NONE, Optional.empty(), LedgerSettings.defaults(), ledger);
        loop.subscribe();
        consumer.rebalance(List.of(OUT, TX, RETRY1));
        consumer.updateBeginningOffsets(Map.of(OUT, 0L, TX, 0L, RETRY1, 0L));
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.shutdown(Duration.ofMillis(200));
        }
    }

    @Test
    void aMessageIdPublishedAgainAfterItsDeliveryShouldNotBeSentAgainNorGetASecondEvent() throws Exception {
        start(1);
        MailMessage first = add(OUT, campaignMail("a@example.com"));
        add(OUT, campaignMail("b@example.com"));
        settleAcking();

        // The campaign is launched again: same deterministic message ids, new offsets.
        add(OUT, campaignMail("a@example.com"));
        add(OUT, campaignMail("b@example.com"));
        add(OUT, campaignMail("c@example.com"));
        settleAcking();

        assertThat(sentTo).containsExactly("a@example.com", "b@example.com", "c@example.com");
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getRecipient)
                .containsExactly("a@example.com", "b@example.com", "c@example.com");
        assertThat(loop.skippedAsDuplicate()).isEqualTo(2);
        assertThat(committed(OUT)).as("the skipped copies are committed like any other record").isEqualTo(5L);
        assertThat(ledger.covers(first.getMessageId(), 0)).isTrue();
    }

    @Test
    void anApiRetryWithTheSameMessageIdShouldNotBeSentAgain() throws Exception {
        start(1);
        MailMessage receipt = Fixtures.transactional("buyer@example.com", "Your receipt", "Thanks").build();
        add(TX, receipt);
        settleAcking();
        add(TX, receipt);
        settleAcking();

        assertThat(sentTo).containsExactly("buyer@example.com");
        assertThat(deliveryEvents()).hasSize(1);
        assertThat(loop.skippedAsDuplicate()).isEqualTo(1);
    }

    @Test
    void aSecondCopyOfADeferredAttemptShouldNotBeSentWhileItsRetryStillIs() throws Exception {
        start(1);
        MailMessage later = add(OUT, campaignMail("later@example.com"));
        settleAcking();
        add(OUT, later); // relaunch while the first attempt waits in mail.retry.1m
        settleAcking();
        assertThat(sentTo).containsExactly("later@example.com");

        add(RETRY1, MailMessage.newBuilder(later).setAttempt(1).setNotBefore(Fixtures.NOW).build());
        settleAcking();

        assertThat(sentTo).as("the retry record's attempt is new: it goes").containsExactly("later@example.com",
                "later@example.com");
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getAttempt).containsExactly(0, 1);
        assertThat(loop.skippedAsDuplicate()).isEqualTo(1);
    }

    @Test
    void twoCopiesInFlightTogetherShouldBeSentOnce() throws Exception {
        start(2);
        add(OUT, campaignMail("a@example.com"));
        add(OUT, campaignMail("a@example.com"));

        // Both copies reach the workers before any event is acknowledged: the second must wait for the first.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            loop.pollOnce();
            return sentTo.size() == 1 && producer.history().size() == 1;
        });
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            loop.pollOnce();
            return loop.bufferedRecords() == 1;
        });
        assertThat(sentTo).as("the second copy waits in a worker for the first one's acknowledgement").hasSize(1);
        settleAcking();

        assertThat(sentTo).containsExactly("a@example.com");
        assertThat(deliveryEvents()).hasSize(1);
        assertThat(loop.skippedAsDuplicate()).isEqualTo(1);
        assertThat(committed(OUT)).isEqualTo(2L);
    }

    @Test
    void aRefusedEventShouldLeaveTheMessageUnrecordedSoThatItsReReadIsDelivered() throws Exception {
        start(1);
        MailMessage a = add(OUT, campaignMail("a@example.com"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            loop.pollOnce();
            return producer.history().size() == 1;
        });
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

        assertThat(ledger.covers(a.getMessageId(), 0)).as("only an acknowledged outcome is recorded").isFalse();
    }

    private MailMessage add(TopicPartition tp, MailMessage m) {
        long offset = nextOffset.merge(tp, 1L, Long::sum) - 1;
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset,
                "example.com".getBytes(StandardCharsets.UTF_8), messages.serializer().serialize(tp.topic(), m)));
        return m;
    }

    private static MailMessage campaignMail(String to) {
        return Fixtures.campaignMessage("c1", to, Map.of("name", "N")).build();
    }

    private void settleAcking() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            while (producer.completeNext()) {
                // acknowledge every outstanding write
            }
            loop.pollOnce();
            return loop.bufferedRecords() == 0 && loop.uncommittedRecords() == 0;
        });
    }

    private List<DeliveryEvent> deliveryEvents() {
        List<DeliveryEvent> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : producer.history()) {
            if (r.topic().equals(Topics.DELIVERY_EVENTS)) {
                out.add(events.deserializer().deserialize(r.topic(), r.value()));
            }
        }
        return out;
    }

    private Long committed(TopicPartition tp) {
        OffsetAndMetadata o = consumer.committed(Set.of(tp)).get(tp);
        return o == null ? null : o.offset();
    }
}
