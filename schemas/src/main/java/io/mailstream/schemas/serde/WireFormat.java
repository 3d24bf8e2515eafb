package io.mailstream.schemas.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: one magic byte (0), the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the datum. Anything Confluent's KafkaAvroSerializer, Karapace or
 * Redpanda writes, this reads, and the other way round.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** A framed record: its schema id and where the Avro payload starts in the array. */
    public record Framed(int schemaId, byte[] bytes, int payloadOffset) {
        public int payloadLength() {
            return bytes.length - payloadOffset;
        }
    }

    public static byte[] frame(int schemaId, byte[] avroBinary) {
        return ByteBuffer.allocate(HEADER_LENGTH + avroBinary.length)
                .put(MAGIC_BYTE).putInt(schemaId).put(avroBinary).array();
    }

    public static void writeHeader(ByteBuffer out, int schemaId) {
        out.put(MAGIC_BYTE).putInt(schemaId);
    }

    /** Reads the header; throws {@link WireFormatException} naming the topic for anything else. */
    public static Framed unframe(String topic, byte[] bytes) {
        if (bytes == null) {
            throw new WireFormatException(topic, null, "record value is null (a tombstone) where an Avro record was expected");
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new WireFormatException(topic, null, "record is " + bytes.length
                    + " bytes, shorter than the 5-byte Confluent wire-format header");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new WireFormatException(topic, null, String.format(
                    "unknown magic byte 0x%02x (expected 0x00): not written by a Confluent-compatible Avro serializer",
                    bytes[0] & 0xff));
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        return new Framed(id, bytes, HEADER_LENGTH);
    }
}
