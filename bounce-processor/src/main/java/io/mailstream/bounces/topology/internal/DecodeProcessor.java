package io.mailstream.bounces.topology.internal;

import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptReasons;
import io.mailstream.schemas.serde.WireFormatException;
import io.mailstream.schemas.topics.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Avro values inside the topology instead of in the source's deserializer, so a corrupt
 * record is routed to {@code mail.dead-letter} with its original bytes and the provenance headers of
 * {@link DeadLetters} (source topic, partition, offset, reason, error) rather than
 * stopping the stream thread. Corrupt bytes never become valid: no retry. A schema registry that
 * does not answer is no corruption: the record is not dead-lettered but read again
 * ({@link TransientReadException}, after a short pause); so is a record whose schema id the registry
 * does not know, until {@link UnknownSchemaWaits} says it has waited long enough. Tombstones are dropped.
 */
public final class DecodeProcessor<T extends SpecificRecord> implements Processor<String, byte[], String, Decoded<T>> {
    private static final Logger LOG = LoggerFactory.getLogger(DecodeProcessor.class);
    /** How long to wait before reporting a transiently unreadable record (the stream thread is then replaced). */
    public static final Duration DEFAULT_TRANSIENT_PAUSE = Duration.ofSeconds(1);

    private final AvroSerde<T> serde;
    private final Runnable onCorrupt;
    private final Duration transientPause;
    private final UnknownSchemaWaits unknownSchemas;
    private ProcessorContext<String, Decoded<T>> context;

    public DecodeProcessor(AvroSerde<T> serde, Runnable onCorrupt) {
        this(serde, onCorrupt, DEFAULT_TRANSIENT_PAUSE);
    }

    /** @param transientPause pause before a registry outage is reported, so that a replaced thread does not spin */
    public DecodeProcessor(AvroSerde<T> serde, Runnable onCorrupt, Duration transientPause) {
        this(serde, onCorrupt, transientPause, new UnknownSchemaWaits(Duration.ZERO));
    }

    /**
     * @param unknownSchemas how long a record whose schema id the registry does not know is read again (as after an
     *                       outage) before it is dead-lettered; shared by the topology's decode processors
     */
    public DecodeProcessor(AvroSerde<T> serde, Runnable onCorrupt, Duration transientPause, UnknownSchemaWaits unknownSchemas) {
        this.unknownSchemas = unknownSchemas;
        this.serde = serde;
        this.onCorrupt = onCorrupt;
        this.transientPause = transientPause;
    }

    @Override
    public void init(ProcessorContext<String, Decoded<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("?");
        T value;
        try {
            value = serde.deserializer().deserialize(topic, record.value());
        } catch (SchemaRegistryException e) {
            if (!e.isTransient()) {
                deadLetter(record, topic, e);
                return;
            }
            pause();
            throw new TransientReadException(topic, context.recordMetadata().map(RecordMetadata::partition).orElse(-1),
                    context.recordMetadata().map(RecordMetadata::offset).orElse(-1L), e);
        } catch (RuntimeException e) {
            if (CorruptReasons.of(e) == DeadLetters.Reason.UNKNOWN_SCHEMA && e instanceof WireFormatException w
                    && w.schemaId().isPresent() && unknownSchemas.stillWaiting(w.schemaId().get(), context.currentSystemTimeMs())) {
                // The writer may have registered against a replica not caught up yet: read it again, for a while.
                pause();
                throw new TransientReadException(topic, context.recordMetadata().map(RecordMetadata::partition).orElse(-1),
                        context.recordMetadata().map(RecordMetadata::offset).orElse(-1L), e);
            }
            deadLetter(record, topic, e);
            return;
        }
        context.forward(record.withValue(Decoded.ok(value)));
    }

    private void pause() {
        try {
            Thread.sleep(transientPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deadLetter(Record<String, byte[]> record, String topic, RuntimeException e) {
        onCorrupt.run();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        Consumer<String[]> add = kv -> headers.add(kv[0], kv[1].getBytes(StandardCharsets.UTF_8));
        add.accept(new String[] {DeadLetters.HEADER_SOURCE_TOPIC, topic});
        context.recordMetadata().ifPresent(m -> {
            add.accept(new String[] {DeadLetters.HEADER_SOURCE_PARTITION, String.valueOf(m.partition())});
            add.accept(new String[] {DeadLetters.HEADER_SOURCE_OFFSET, String.valueOf(m.offset())});
        });
        add.accept(new String[] {DeadLetters.HEADER_REASON, CorruptReasons.of(e).headerValue()});
        add.accept(new String[] {DeadLetters.HEADER_ERROR, String.valueOf(e.getMessage())});
        LOG.warn("Corrupt record on {} (key {}) sent to the dead-letter topic: {}", topic, record.key(), e.getMessage());
        context.forward(new Record<>(record.key(), Decoded.failed(record.value(), String.valueOf(e.getMessage())),
                record.timestamp(), headers));
    }
}
