package io.mailstream.schemas.serde;

import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a specific record class, resolving the writer's schema (from the
 * registry, by the id in the frame) against the class's schema, so records written by an older or
 * newer compatible schema still read.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final SchemaRegistry registry;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public AvroDeserializer(SchemaRegistry registry, Schema readerSchema) {
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    /**
     * @throws WireFormatException for a bad frame, an unknown schema id or undecodable bytes;
     *         a registry that cannot be reached throws {@link SchemaRegistryException} (transient).
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        WireFormat.Framed framed = WireFormat.unframe(topic, data);
        SpecificDatumReader<T> reader = readerFor(topic, framed.schemaId());
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                framed.bytes(), framed.payloadOffset(), framed.payloadLength(), decoders.get());
        decoders.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            // Avro reports malformed input through many unchecked types (AvroRuntimeException,
            // UnsupportedOperationException from SystemLimitException, IndexOutOfBounds, NegativeArraySize...);
            // whatever the type, bytes that do not decode are a corrupt record, never a transient failure.
            throw new WireFormatException(topic, framed.schemaId(),
                    "Avro payload does not decode with the writer's schema: " + e, e);
        }
    }

    private SpecificDatumReader<T> readerFor(String topic, int schemaId) {
        SpecificDatumReader<T> reader = readers.get(schemaId);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isTransient()) {
                throw e;
            }
            throw new WireFormatException(topic, schemaId, e.getMessage(), e);
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema);
        readers.put(schemaId, reader);
        return reader;
    }
}
