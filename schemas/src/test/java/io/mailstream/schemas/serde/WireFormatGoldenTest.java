package io.mailstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.InlineContent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.testavro.Color;
import io.mailstream.schemas.testavro.Golden;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes derived by hand, not by running the code: Confluent's wire format (magic byte 0x00,
 * the schema id as a 4-byte big-endian int, then the datum) and the Avro 1.12 binary encoding
 * (ints and longs as zig-zag varints, strings and bytes as a zig-zag length then the raw bytes,
 * a union as the zig-zag branch index then the branch, an enum as its zig-zag index, arrays and
 * maps as counted blocks ended by a 0 count, record fields in schema order with no separators).
 */
class WireFormatGoldenTest {
    private static final String TOPIC = "golden.topic";

    /** The Golden record whose encoding {@link #GOLDEN_PAYLOAD} spells out. */
    private static Golden golden() {
        return Golden.newBuilder()
                .setId(-3L)
                .setCount(150)
                .setName("Zé")
                .setNote("hi")
                .setColor(Color.BLUE)
                .setFlag(true)
                .setPayload(ByteBuffer.wrap(new byte[] {0x00, (byte) 0xFF}))
                .setTags(List.of("a", "b"))
                .setScores(Map.of("x", -1))
                .build();
    }

    private static final String GOLDEN_PAYLOAD = ""
            + "05"             // id = -3L: zig-zag (-3 << 1) ^ (-3 >> 63) = -6 ^ -1 = 5
            + "AC 02"          // count = 150: zig-zag 300 = 0x12C; low 7 bits 0x2C | 0x80 (more follows), then 300 >>> 7 = 2
            + "06 5A C3 A9"    // name = "Zé": 3 UTF-8 bytes (zig-zag 6), 'Z' = 5A, 'é' = C3 A9
            + "02 04 68 69"    // note = "hi": union branch 1 (zig-zag 2), length 2 (zig-zag 4), 'h' 'i'
            + "04"             // color = BLUE: enum index 2 (zig-zag 4)
            + "01"             // flag = true: one byte 1
            + "04 00 FF"       // payload = {0x00, 0xFF}: length 2 (zig-zag 4), the raw bytes
            + "04 02 61 02 62 00" // tags = ["a", "b"]: one block of 2 (zig-zag 4), "a", "b", end of array (0)
            + "02 02 78 01 00";   // scores = {"x": -1}: one block of 1 (zig-zag 2), key "x", value -1 (zig-zag 1), end of map (0)

    /** Magic byte 0, then schema id 1: the first schema a fresh in-memory registry hands out. */
    private static final String HEADER_ID_1 = "00 00 00 00 01";

    @Test
    void serializerWritesMagicByteSchemaIdAndAvroBinaryExactly() {
        AvroSerializer<Golden> serializer = new AvroSerializer<>(new InMemorySchemaRegistry(), Golden.getClassSchema(), false);

        byte[] written = serializer.serialize(TOPIC, golden());

        assertThat(Hex.of(written)).isEqualTo(Hex.of(Hex.bytes(HEADER_ID_1 + GOLDEN_PAYLOAD)));
    }

    @Test
    void deserializerReadsGoldenBytesIntoTheExpectedRecord() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        assertThat(registry.register(TOPIC + "-value", Golden.getClassSchema())).isEqualTo(1);
        AvroDeserializer<Golden> deserializer = new AvroDeserializer<>(registry, Golden.getClassSchema());

        Golden read = deserializer.deserialize(TOPIC, Hex.bytes(HEADER_ID_1 + GOLDEN_PAYLOAD));

        assertThat(read).isEqualTo(golden());
    }

    @Test
    void deserializerReadsNullUnionBranchAndMultiBlockAndSizedBlockCollections() {
        // Writers may split arrays and maps into several blocks, and may give a block a negative
        // count followed by its size in bytes (Avro spec, "Arrays"/"Maps"); a reader must accept both.
        String payload = ""
                + "05 AC 02 06 5A C3 A9"  // id, count, name as in GOLDEN_PAYLOAD
                + "00"                    // note = null: union branch 0, nothing follows
                + "00"                    // color = RED: enum index 0
                + "00"                    // flag = false
                + "00"                    // payload = empty bytes: length 0
                + "02 02 61 02 02 62 00"  // tags: block of 1 ["a"], block of 1 ["b"], end
                + "01 06 02 78 01 00";    // scores: block count -1 (zig-zag 1) so a byte size follows: 3 (zig-zag 6),
                                          // then key "x" (02 78) value -1 (01) = 3 bytes, end
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register(TOPIC + "-value", Golden.getClassSchema());

        Golden read = new AvroDeserializer<Golden>(registry, Golden.getClassSchema()).deserialize(TOPIC, Hex.bytes(HEADER_ID_1 + payload));

        assertThat(read).isEqualTo(Golden.newBuilder(golden())
                .setNote(null).setColor(Color.RED).setFlag(false).setPayload(ByteBuffer.wrap(new byte[0])).build());
    }

    @Test
    void schemaIdAbove255IsWrittenBigEndian() {
        // 300 = 0x0000012C
        AvroSerializer<Golden> serializer = new AvroSerializer<>(new FixedIdRegistry(300, Golden.getClassSchema()),
                Golden.getClassSchema(), false);

        byte[] written = serializer.serialize(TOPIC, golden());

        assertThat(Hex.of(written)).isEqualTo(Hex.of(Hex.bytes("00 00 00 01 2C" + GOLDEN_PAYLOAD)));
    }

    @Test
    void schemaIdWithHighByteSetIsWrittenAndReadBigEndian() {
        // 0x7F80FF01: every byte differs and two have their top bit set, so a little-endian write
        // or a sign-extending read would show.
        int id = 0x7F80FF01;
        FixedIdRegistry registry = new FixedIdRegistry(id, Golden.getClassSchema());
        byte[] golden = Hex.bytes("00 7F 80 FF 01" + GOLDEN_PAYLOAD);

        byte[] written = new AvroSerializer<>(registry, Golden.getClassSchema(), false).serialize(TOPIC, golden());
        Golden read = new AvroDeserializer<Golden>(registry, Golden.getClassSchema()).deserialize(TOPIC, golden);

        assertThat(Hex.of(written)).isEqualTo(Hex.of(golden));
        assertThat(read).isEqualTo(golden());
        assertThat(WireFormat.unframe(TOPIC, golden).schemaId()).isEqualTo(id);
    }

    @Test
    void frameAndUnframeAgreeWithTheSpecifiedHeader() {
        byte[] framed = WireFormat.frame(0x01020304, new byte[] {0x2A});

        assertThat(Hex.of(framed)).isEqualTo("00 01 02 03 04 2a");
        WireFormat.Framed unframed = WireFormat.unframe(TOPIC, framed);
        assertThat(unframed.schemaId()).isEqualTo(0x01020304);
        assertThat(unframed.payloadOffset()).isEqualTo(5);
        assertThat(unframed.payloadLength()).isEqualTo(1);
    }

    /** A minimal transactional MailMessage, and its encoding field by field in MailMessage.avsc order. */
    private static MailMessage minimalMailMessage() {
        return MailMessage.newBuilder()
                .setMessageId("m1")
                .setKind(MessageKind.TRANSACTIONAL)
                .setFrom("a@b.co")
                .setTo("x@y.co")
                .setRecipientDomain("y.co")
                .setRoutingKey("y.co")
                .setInline(InlineContent.newBuilder().setSubject("Hi").setText("t").build())
                .setVariables(Map.of("n", "Jo"))
                .setPriority(-2)
                .setCreatedAt(Instant.ofEpochMilli(1000))
                .setAttempt(64)
                .build();
    }

    private static final String MAIL_MESSAGE_PAYLOAD = ""
            + "04 6D 31"              // messageId = "m1": length 2 (zig-zag 4), 'm' '1'
            + "00"                    // campaignId = null: union branch 0
            + "02"                    // kind = TRANSACTIONAL: enum index 1 (zig-zag 2)
            + "0C 61 40 62 2E 63 6F"  // from = "a@b.co": length 6 (zig-zag 12)
            + "00"                    // fromName = null
            + "0C 78 40 79 2E 63 6F"  // to = "x@y.co"
            + "08 79 2E 63 6F"        // recipientDomain = "y.co": length 4 (zig-zag 8)
            + "08 79 2E 63 6F"        // routingKey = "y.co"
            + "00"                    // template = null
            + "02"                    // inline: union branch 1, an InlineContent record follows
            + "04 48 69"              //   subject = "Hi"
            + "00"                    //   html = null
            + "02 02 74"              //   text = "t": branch 1, length 1 (zig-zag 2), 't'
            + "02 02 6E 04 4A 6F 00"  // variables = {"n": "Jo"}: block of 1, key "n", value "Jo", end
            + "00"                    // headers = {}: no block, end
            + "03"                    // priority = -2: zig-zag (-2 << 1) ^ -1 = 3
            + "D0 0F"                 // createdAt = 1000 ms (timestamp-millis is a long): zig-zag 2000 = 0x7D0;
                                      //   low 7 bits 0x50 | 0x80, then 2000 >>> 7 = 15 = 0x0F
            + "00"                    // expiresAt = null
            + "80 01"                 // attempt = 64: zig-zag 128; low 7 bits 0 | 0x80, then 128 >>> 7 = 1
            + "00"                    // notBefore = null
            + "00";                   // tenant = null

    @Test
    void mailMessageIsWrittenExactlyAsTheSpecificationSays() {
        AvroSerializer<MailMessage> serializer = AvroSerde.forValue(MailMessage.class, new InMemorySchemaRegistry()).serializer();

        byte[] written = serializer.serialize("mail.transactional", minimalMailMessage());

        assertThat(Hex.of(written)).isEqualTo(Hex.of(Hex.bytes(HEADER_ID_1 + MAIL_MESSAGE_PAYLOAD)));
    }

    @Test
    void mailMessageGoldenBytesReadIntoTheExpectedRecord() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("mail.transactional-value", MailMessage.getClassSchema());

        MailMessage read = AvroSerde.forValue(MailMessage.class, registry).deserializer()
                .deserialize("mail.transactional", Hex.bytes(HEADER_ID_1 + MAIL_MESSAGE_PAYLOAD));

        assertThat(read).isEqualTo(minimalMailMessage());
        assertThat(read.getCampaignId()).isNull();
        assertThat(read.getHeaders()).isEmpty();
    }

    @Test
    void nullValueSerializesToNullAndNullBytesDeserializeToNull() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerde<MailMessage> serde = AvroSerde.forValue(MailMessage.class, registry);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }
}
