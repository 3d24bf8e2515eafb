package io.mailstream.dispatcher.consume;

import io.mailstream.avro.MailMessage;
import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a mail record and says what the consume loop does with it: deliver the message, wait
 * (the registry does not know its schema id yet, or cannot be reached: {@link DecodeRetries}), or
 * dead-letter it (corrupt bytes, another serializer's framing, an id still unknown after
 * {@code decode.unknown-schema-wait}). Poll thread only.
 */
final class RecordDecoding {
    private static final Logger log = LoggerFactory.getLogger(RecordDecoding.class);

    /** What to do with a record. */
    sealed interface Result permits Message, Wait, Corrupt {
    }

    record Message(MailMessage message) implements Result {
    }

    /** Read the record (and so its partition) again at {@code until}. */
    record Wait(Instant until) implements Result {
    }

    record Corrupt(CorruptRecordException error) implements Result {
    }

    private final AvroSerde<MailMessage> serde;
    private final DecodeRetries retries;

    RecordDecoding(AvroSerde<MailMessage> serde, UnknownSchemaPolicy unknownSchemas) {
        this.serde = serde;
        this.retries = new DecodeRetries(unknownSchemas);
    }

    Result decode(ConsumerRecord<byte[], byte[]> record, Instant now) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        try {
            MailMessage message = serde.decode(record);
            retries.done(tp);
            return new Message(message);
        } catch (CorruptRecordException e) {
            if (e.isUnknownSchemaId() && e.schemaId().isPresent()) {
                boolean first = retries.waitingFor(tp, record.offset(), now).isEmpty();
                Optional<Instant> again = retries.unknownSchema(tp, record.offset(), e.schemaId().get(), now);
                if (again.isPresent()) {
                    if (first) {
                        log.warn("{}; reading it again with backoff for up to decode.unknown-schema-wait since the id was first "
                                + "seen, {} waits meanwhile", e.getMessage(), tp);
                    }
                    return new Wait(again.get());
                }
            }
            retries.done(tp);
            return new Corrupt(e);
        } catch (SchemaRegistryException e) {
            // An outage is no corruption: the record waits (its partition paused, with backoff) however long it lasts.
            Instant again = retries.registryDown(tp, record.offset(), now);
            log.warn("schema registry unavailable while decoding {}-{}@{}; reading it again at {}: {}",
                    record.topic(), record.partition(), record.offset(), again, e.getMessage());
            return new Wait(again);
        }
    }

    void forget(Collection<TopicPartition> partitions) {
        retries.forget(partitions);
    }
}
