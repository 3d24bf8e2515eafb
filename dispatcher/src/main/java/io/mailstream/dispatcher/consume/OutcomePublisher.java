package io.mailstream.dispatcher.consume;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.ledger.SentLedger;
import io.mailstream.dispatcher.outcome.OutcomeListener;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.serde.CorruptReasons;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.DeadLetters;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes what the dispatcher produces: delivery events (key messageId), retry records (key: the
 * routing key, so retries stay with their domain shard) and dead letters (original key, value and
 * headers, plus provenance headers as Kafka's dead-letter conventions do). Each write returns the
 * broker's acknowledgement, on which offsets are committed. An acknowledged event is recorded in the
 * sent-ledger at once, before anything else learns of it.
 */
public final class OutcomePublisher {
    public static final String HEADER_SOURCE_TOPIC = DeadLetters.HEADER_SOURCE_TOPIC;
    public static final String HEADER_SOURCE_PARTITION = DeadLetters.HEADER_SOURCE_PARTITION;
    public static final String HEADER_SOURCE_OFFSET = DeadLetters.HEADER_SOURCE_OFFSET;
    public static final String HEADER_SCHEMA_ID = DeadLetters.HEADER_SCHEMA_ID;
    public static final String HEADER_ERROR = DeadLetters.HEADER_ERROR;
    /** On a truncated dead letter: the original value's and key's sizes, {@code value=N,key=M}. */
    public static final String HEADER_TRUNCATED_FROM = DeadLetters.HEADER_TRUNCATED_FROM;
    /** The largest value of a truncated dead letter; its key is cut at {@link #MAX_TRUNCATED_KEY}. */
    public static final int MAX_TRUNCATED_VALUE = 16 * 1024;
    public static final int MAX_TRUNCATED_KEY = 1024;

    private final Producer<byte[], byte[]> producer;
    private final AvroSerializer<DeliveryEvent> events;
    private final AvroSerializer<MailMessage> messages;
    private final OutcomeListener outcomes;
    private final SentLedger ledger;

    public OutcomePublisher(Producer<byte[], byte[]> producer, SchemaRegistry registry, OutcomeListener outcomes,
                            SentLedger ledger) {
        this.producer = producer;
        this.outcomes = outcomes;
        this.ledger = ledger;
        this.events = new AvroSerializer<>(registry, SpecificData.get().getSchema(DeliveryEvent.class), false);
        this.messages = new AvroSerializer<>(registry, SpecificData.get().getSchema(MailMessage.class), false);
    }

    /**
     * Registers our value schemas up front, so that no registry call (and no registry outage) can
     * come between an SMTP transaction and the event that records it.
     */
    public void registerSchemas() {
        events.schemaIdFor(Topics.DELIVERY_EVENTS);
        for (Duration delay : Topics.RETRY_DELAYS) {
            messages.schemaIdFor(Topics.retryTopic(delay));
            messages.schemaIdFor(Topics.transactionalRetryTopic(delay));
        }
    }

    /**
     * Writes {@code event}; once Kafka acknowledges it, records it in the sent-ledger and tells the
     * listener; then, acknowledged or refused, tells {@code settled} which (on the producer's I/O thread).
     */
    public Future<RecordMetadata> event(DeliveryEvent event, Settled settled) {
        return producer.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS,
                event.getMessageId().getBytes(StandardCharsets.UTF_8), events.serialize(Topics.DELIVERY_EVENTS, event)),
                (acked, error) -> {
                    try {
                        if (error == null) {
                            ledger.record(new SentLedger.Outcome(event.getMessageId(), event.getAttempt(),
                                    event.getOutcome() != Outcome.DEFERRED, event.getTimestamp()));
                            outcomes.published(event);
                        }
                    } finally {
                        settled.settled(error == null);
                    }
                });
    }

    /** Told once a write is acknowledged or refused. */
    @FunctionalInterface
    public interface Settled {
        void settled(boolean acknowledged);
    }

    /** Re-publishes a deferred message to its next retry topic, one attempt later, not before its delay. */
    public Future<RecordMetadata> retry(MailMessage message, RetryPolicy.Retry retry) {
        MailMessage next = MailMessage.newBuilder(message)
                .setAttempt(retry.attempt())
                .setNotBefore(retry.notBefore())
                .build();
        return producer.send(new ProducerRecord<>(retry.topic(),
                message.getRoutingKey().getBytes(StandardCharsets.UTF_8), messages.serialize(retry.topic(), next)));
    }

    /** Copies an undecodable record, bytes untouched, to the dead-letter topic with where it came from and why. */
    public Future<RecordMetadata> deadLetter(ConsumerRecord<byte[], byte[]> record, CorruptRecordException error) {
        return producer.send(DeadLetters.of(record, CorruptReasons.of(error), error.getMessage(), error.schemaId()));
    }

    /**
     * Dead-letters a copy of a record whose write Kafka will never accept (too large, invalid): value
     * and key cut to {@link #MAX_TRUNCATED_VALUE} and {@link #MAX_TRUNCATED_KEY} bytes (see {@link DeadLetters#truncated}).
     */
    public Future<RecordMetadata> deadLetterTruncated(ConsumerRecord<byte[], byte[]> record, Throwable error) {
        return producer.send(DeadLetters.truncated(record, "a write for this record was refused for good: " + error,
                MAX_TRUNCATED_VALUE, MAX_TRUNCATED_KEY));
    }
}
