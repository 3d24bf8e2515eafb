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
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
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
 * Refused writes in the consume loop: the partition is re-read from the refused record, and neither
 * that record nor the delivered ones after it are mailed again; a write refused for good (too large)
 * dead-letters a truncated copy of its record instead of re-reading it for ever.
 */
class RefusedWritesTest {
    private static final TopicPartition OUT = new TopicPartition(Topics.OUTBOUND, 0);
    private static final TopicPartition TX = new TopicPartition(Topics.TRANSACTIONAL, 0);
    private static final TopicPartition RETRY1 = new TopicPartition(Topics.retryTopic(Topics.RETRY_DELAYS.get(0)), 0);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
    private final AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    /** While positive, that many delivery-event sends throw an Error from send() itself. */
    private final java.util.concurrent.atomic.AtomicInteger erroringSends = new java.util.concurrent.atomic.AtomicInteger();
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                        ProducerRecord<byte[], byte[]> record, org.apache.kafka.clients.producer.Callback callback) {
                    if (record.topic().equals(Topics.DELIVERY_EVENTS) && erroringSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new StackOverflowError("test: an event serializer recursing for ever");
                    }
                    return super.send(record, callback);
                }
            };
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final CampaignCache campaigns = new CampaignCache();
    private final List<String> sentTo = new CopyOnWriteArrayList<>();
    private final InMemorySentLedger ledger = new InMemorySentLedger(clock, Duration.ofDays(30));
    private long nextOffset;
    private ConsumeLoop loop;

    /** While set, a mail to "slow@..." waits for it in its SMTP transaction. */
    private volatile java.util.concurrent.CountDownLatch slowGate;

    private final MailTransport transport = new MailTransport() {
        @Override
        public DeliveryOutcome send(RenderedMessage m) {
            java.util.concurrent.CountDownLatch gate = slowGate;
            if (gate != null && m.recipient().localPart().equals("slow")) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (m.recipient().localPart().equals("boom")) {
                throw new StackOverflowError("test: a template recursing for ever");
            }
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

    private void start() {
        start(1);
    }

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
    void aRefusedEventThenSuccessShouldMailEachRecipientOnce() throws Exception {
        start();
        add(campaignMail("a@example.com"));
        add(campaignMail("b@example.com"));
        add(campaignMail("c@example.com"));
        pollUntil(() -> producer.history().size() == 3); // three mails sent, three events waiting for Kafka

        producer.completeNext();
        producer.errorNext(new TimeoutException("broker gone"));
        producer.completeNext();
        reReadFrom(1);
        settleAcking();

        assertThat(sentTo).as("b's mail went; only its event was refused: it is written again, not mailed again")
                .containsExactly("a@example.com", "b@example.com", "c@example.com");
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getRecipient)
                .containsExactly("a@example.com", "b@example.com", "c@example.com", "b@example.com");
        assertThat(loop.skippedAsDuplicate()).as("c was delivered and recorded before the re-read").isEqualTo(1);
        assertThat(committed()).isEqualTo(3L);
    }

    @Test
    void aRecordStillInItsSmtpTransactionWhenThePartitionIsReReadShouldBeWaitedForAndMailedOnce() throws Exception {
        slowGate = new java.util.concurrent.CountDownLatch(1);
        start(2);
        add(campaignMail("a@example.com"));
        add(campaignMail("slow@example.com"));
        pollUntil(() -> producer.history().size() == 1); // a's event waits for Kafka; slow is in its SMTP transaction

        producer.errorNext(new TimeoutException("broker gone"));
        reReadFrom(0);
        pollUntil(() -> producer.history().size() == 2); // a's event written again, without a second mail
        assertThat(sentTo).containsExactly("a@example.com");

        slowGate.countDown(); // the first copy of slow finishes; its re-read copy, waiting for it, must not mail again
        settleAcking();

        assertThat(sentTo).containsExactly("a@example.com", "slow@example.com");
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getRecipient)
                .containsExactly("a@example.com", "a@example.com", "slow@example.com");
        assertThat(loop.skippedAsDuplicate()).isEqualTo(1);
        assertThat(committed()).isEqualTo(2L);
    }

    @Test
    void aRetryRecordTooLargeShouldDeadLetterATruncatedCopyInsteadOfLooping() throws Exception {
        start();
        MailMessage later = add(campaignMail("later@example.com"));
        add(campaignMail("a@example.com"));
        pollUntil(() -> producer.history().size() == 1); // the worker waits for its retry record's acknowledgement
        producer.errorNext(new RecordTooLargeException("the request included a message larger than max.request.size"));
        pollUntil(() -> sentTo.size() == 2);
        while (producer.completeNext()) {
            // a's event
        }
        reReadFrom(0);
        settleAcking();
        for (int i = 0; i < 20; i++) {
            loop.pollOnce(); // a loop would seek back again here
        }
        assertThat(consumer.position(OUT)).isEqualTo(2L);

        assertThat(sentTo).containsExactly("later@example.com", "a@example.com");
        List<ProducerRecord<byte[], byte[]>> dead = producer.history().stream()
                .filter(r -> r.topic().equals(Topics.DEAD_LETTER)).toList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(header(r, OutcomePublisher.HEADER_SOURCE_OFFSET)).isEqualTo("0");
            assertThat(header(r, OutcomePublisher.HEADER_ERROR)).contains("RecordTooLargeException");
            assertThat(header(r, OutcomePublisher.HEADER_TRUNCATED_FROM)).startsWith("value=");
            assertThat(messages.deserializer().deserialize(Topics.OUTBOUND, r.value()).getMessageId())
                    .as("a small record is copied whole").isEqualTo(later.getMessageId());
        });
        assertThat(committed()).isEqualTo(2L);
    }

    @Test
    void anErrorInAWorkerShouldRetryItsRecordAndTheWorkerShouldServeTheNextOnes() throws Exception {
        start(); // one worker: were it to die, nothing after "boom" would ever be delivered
        MailMessage boom = add(campaignMail("boom@example.com"));
        add(campaignMail("a@example.com"));

        settleAcking();

        assertThat(sentTo).containsExactly("a@example.com");
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getRecipient, DeliveryEvent::getOutcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("boom@example.com", Outcome.DEFERRED),
                        org.assertj.core.groups.Tuple.tuple("a@example.com", Outcome.DELIVERED));
        assertThat(deliveryEvents().get(0).getReplyText()).contains("internal error").contains("StackOverflowError");
        assertThat(producer.history().stream().filter(r -> r.topic().startsWith(Topics.RETRY_PREFIX)).toList())
                .singleElement().satisfies(r -> assertThat(messages.deserializer().deserialize(r.topic(), r.value())
                        .getMessageId()).isEqualTo(boom.getMessageId()));
        assertThat(committed()).isEqualTo(2L);
        assertThat(loop.workerFailures().recordsFailed()).isEqualTo(1);
        assertThat(loop.workerFailures().dead()).isZero();
    }

    @Test
    void aWriteThatThrowsSynchronouslyShouldReReadItsRecordAndRecordItsOutcomeWithoutASecondMail() throws Exception {
        start();
        producer.sendException = new org.apache.kafka.common.KafkaException("test: send() threw");
        add(campaignMail("a@example.com"));
        pollUntil(() -> sentTo.size() == 1 && loop.workerFailures().recordsFailed() == 1);
        producer.sendException = null;

        reReadFrom(0);
        settleAcking();

        assertThat(sentTo).as("mailed once; its event is written by the re-read copy").containsExactly("a@example.com");
        assertThat(deliveryEvents()).extracting(DeliveryEvent::getRecipient).containsExactly("a@example.com");
        assertThat(committed()).isEqualTo(1L);
    }

    @Test
    void aWriteThatThrowsAnErrorShouldDeadLetterItsRecordInsteadOfLoopingOrMailingAgain() throws Exception {
        start();
        // An Error from send() (here: a serializer recursing for ever) would repeat on every re-read.
        MailMessage m = add(campaignMail("a@example.com"));
        erroringSends.set(1);
        pollUntil(() -> sentTo.size() == 1 && loop.workerFailures().recordsFailed() == 1);

        reReadFrom(0);
        settleAcking();
        for (int i = 0; i < 20; i++) {
            loop.pollOnce();
        }

        assertThat(sentTo).containsExactly("a@example.com");
        assertThat(producer.history().stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER)).toList()).singleElement()
                .satisfies(r -> {
                    assertThat(header(r, OutcomePublisher.HEADER_ERROR)).contains("StackOverflowError");
                    assertThat(messages.deserializer().deserialize(Topics.OUTBOUND, r.value()).getMessageId())
                            .isEqualTo(m.getMessageId());
                });
        assertThat(committed()).isEqualTo(1L);
    }

    @Test
    void aTruncatedDeadLetterShouldKeepOnlyTheHeadOfAHugeRecord() throws Exception {
        start();
        byte[] huge = new byte[OutcomePublisher.MAX_TRUNCATED_VALUE * 4];
        OutcomePublisher publisher = new OutcomePublisher(producer, registry, OutcomeListener.NONE, ledger);
        publisher.deadLetterTruncated(new ConsumerRecord<>(Topics.OUTBOUND, 0, 7L, new byte[5000], huge),
                new RecordTooLargeException("too large"));

        ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(dead.value()).hasSize(OutcomePublisher.MAX_TRUNCATED_VALUE);
        assertThat(dead.key()).hasSize(OutcomePublisher.MAX_TRUNCATED_KEY);
        assertThat(header(dead, OutcomePublisher.HEADER_TRUNCATED_FROM)).isEqualTo("value=" + huge.length + ",key=5000");
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private final List<MailMessage> published = new ArrayList<>();

    private MailMessage add(MailMessage m) {
        published.add(m);
        addAt(nextOffset++, m);
        return m;
    }

    private void addAt(long offset, MailMessage m) {
        consumer.addRecord(new ConsumerRecord<>(OUT.topic(), OUT.partition(), offset,
                "example.com".getBytes(StandardCharsets.UTF_8), messages.serializer().serialize(OUT.topic(), m)));
    }

    /** Waits for the loop to seek back to {@code offset}, then serves the records from there again (MockConsumer forgets polled records). */
    private void reReadFrom(long offset) {
        pollUntil(() -> consumer.position(OUT) == offset);
        for (long o = offset; o < published.size(); o++) {
            addAt(o, published.get((int) o));
        }
    }

    private static MailMessage campaignMail(String to) {
        return Fixtures.campaignMessage("c1", to, Map.of("name", "N")).build();
    }

    private void pollUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            loop.pollOnce();
            return condition.call();
        });
    }

    private void settleAcking() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
            while (producer.completeNext()) {
                // acknowledge every outstanding write
            }
            loop.pollOnce();
            return loop.bufferedRecords() == 0 && loop.uncommittedRecords() == 0 && consumer.position(OUT) == nextOffset;
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

    private Long committed() {
        OffsetAndMetadata o = consumer.committed(Set.of(OUT)).get(OUT);
        return o == null ? null : o.offset();
    }
}
