package io.mailstream.schemas.serde;

import io.mailstream.schemas.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format, registering the record's schema under
 * the topic's subject (TopicNameStrategy) once per topic.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final SchemaRegistry registry;
    private final Schema schema;
    private final boolean isKey;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    public AvroSerializer(SchemaRegistry registry, Schema schema, boolean isKey) {
        this.registry = registry;
        this.schema = schema;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    /** The schema id this serializer writes for {@code topic}, registering it if needed. */
    public int schemaIdFor(String topic) {
        return idByTopic.computeIfAbsent(topic, t -> registry.register(
                isKey ? SchemaRegistry.keySubject(t) : SchemaRegistry.valueSubject(t), schema));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = schemaIdFor(topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
        encoders.set(encoder);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot serialize " + schema.getFullName() + " for topic " + topic
                    + " with schema id " + id + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
