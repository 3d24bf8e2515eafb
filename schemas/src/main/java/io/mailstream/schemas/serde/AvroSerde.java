package io.mailstream.schemas.serde;

import io.mailstream.schemas.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;

/** Serializer + deserializer of one specific record class, for producers, consumers and Streams. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(SchemaRegistry registry, Schema schema, boolean isKey) {
        this.serializer = new AvroSerializer<>(registry, schema, isKey);
        this.deserializer = new AvroDeserializer<>(registry, schema);
    }

    /** A value serde for {@code type} (an Avro-generated class). */
    public static <T extends SpecificRecord> AvroSerde<T> forValue(Class<T> type, SchemaRegistry registry) {
        return new AvroSerde<>(registry, SpecificData.get().getSchema(type), false);
    }

    @Override
    public AvroSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public AvroDeserializer<T> deserializer() {
        return deserializer;
    }

    /**
     * Decodes a raw consumer record's value; failures name topic, partition, offset and schema id,
     * so a consumer can dead-letter the record and go on.
     */
    public T decode(ConsumerRecord<?, byte[]> record) {
        try {
            return deserializer.deserialize(record.topic(), record.value());
        } catch (WireFormatException e) {
            throw new CorruptRecordException(record.topic(), record.partition(), record.offset(),
                    e.schemaId().orElse(null), e.getMessage(), e);
        }
    }

}
