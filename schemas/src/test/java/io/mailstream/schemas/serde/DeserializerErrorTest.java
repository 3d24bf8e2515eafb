package io.mailstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Sender;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.registry.RegisteredSchema;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.testavro.Color;
import io.mailstream.schemas.testavro.Golden;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a value can be unreadable surfaces as a WireFormatException, never as a bare Avro or index exception. */
class DeserializerErrorTest {
    private static final String TOPIC = "errors.topic";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<Golden> serde = AvroSerde.forValue(Golden.class, registry);

    private static Golden golden() {
        return Golden.newBuilder()
                .setId(1234567890123L).setCount(-7).setName("Zoë").setNote("a note")
                .setColor(Color.GREEN).setFlag(true).setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setTags(List.of("x", "yy", "zzz")).setScores(Map.of("a", 1, "b", -300)).build();
    }

    private byte[] goldenBytes() {
        return serde.serializer().serialize(TOPIC, golden());
    }

    @Test
    void unknownMagicByteIsAWireFormatErrorWithoutSchemaId() {
        byte[] bytes = goldenBytes();
        bytes[0] = 0x01;

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.topic()).isEqualTo(TOPIC);
                    assertThat(e.schemaId()).isEmpty();
                    assertThat(e).hasMessageContaining("magic byte 0x01");
                });
    }

    @Test
    void jsonTextIsRefusedByItsMagicByte() {
        byte[] json = "{\"to\":\"x@y.co\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("0x7b");
    }

    @ParameterizedTest
    @MethodSource("shortFrames")
    void frameShorterThanFiveBytesIsAWireFormatError(byte[] frame) {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, frame))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining(frame.length + " bytes");
    }

    static List<byte[]> shortFrames() {
        return List.of(new byte[0], new byte[] {0}, new byte[] {0, 0, 0}, new byte[] {0, 0, 0, 1});
    }

    @Test
    void unknownSchemaIdIsAWireFormatErrorNamingTheId() {
        byte[] bytes = WireFormat.frame(99, new byte[] {0x00});

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.schemaId()).contains(99);
                    assertThat(e).hasMessageContaining("schema id 99");
                });
    }

    @Test
    void unreachableRegistryIsTransientAndNotMistakenForACorruptRecord() {
        SchemaRegistry down = new SchemaRegistry() {
            @Override
            public int register(String subject, Schema schema) {
                throw new SchemaRegistryException("down", new java.io.IOException("connection refused"));
            }

            @Override
            public Schema schemaById(int id) {
                throw new SchemaRegistryException("down", new java.io.IOException("connection refused"));
            }

            @Override
            public boolean isCompatible(String subject, Schema schema) {
                return true;
            }

            @Override
            public Optional<RegisteredSchema> latest(String subject) {
                return Optional.empty();
            }
        };
        byte[] bytes = goldenBytes();

        Throwable thrown = catchThrowable(() -> new AvroDeserializer<Golden>(down, Golden.getClassSchema()).deserialize(TOPIC, bytes));

        assertThat(thrown).isInstanceOf(SchemaRegistryException.class).isNotInstanceOf(WireFormatException.class);
        assertThat(((SchemaRegistryException) thrown).isTransient()).isTrue();
    }

    @ParameterizedTest(name = "truncated to {0} bytes")
    @MethodSource("truncatedLengths")
    void truncatedAvroPayloadIsAWireFormatErrorNamingTheSchemaId(int length) {
        byte[] truncated = Arrays.copyOf(goldenBytes(), length);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.schemaId()).contains(1));
    }

    static IntStream truncatedLengths() {
        int full = new DeserializerErrorTest().goldenBytes().length;
        return IntStream.range(WireFormat.HEADER_LENGTH, full);
    }

    @Test
    void recordOfAnotherTypeUnderAKnownIdIsAWireFormatError() {
        // A Campaign written where MailMessages are expected: the ids are valid, the schemas do not resolve.
        AvroSerde<Campaign> campaigns = AvroSerde.forValue(Campaign.class, registry);
        byte[] campaignBytes = campaigns.serializer().serialize("mail.campaigns", Campaign.newBuilder()
                .setId("c1").setVersion(1).setSender(Sender.newBuilder().setAddress("a@b.co").build())
                .setSubjectTemplate("s").setState(CampaignState.DRAFT).setUpdatedAt(Instant.EPOCH).build());

        assertThatThrownBy(() -> AvroSerde.forValue(MailMessage.class, registry).deserializer().deserialize(TOPIC, campaignBytes))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void randomlyCorruptedPayloadsEitherDecodeOrFailAsWireFormatErrors() {
        byte[] good = goldenBytes();
        Random random = new Random(20240601L);
        for (int i = 0; i < 5_000; i++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bad[WireFormat.HEADER_LENGTH + random.nextInt(bad.length - WireFormat.HEADER_LENGTH)] = (byte) random.nextInt(256);
            }
            Throwable thrown = catchThrowable(() -> serde.deserializer().deserialize(TOPIC, bad));
            if (thrown != null) {
                assertThat(thrown).as("corruption #%d of %s", i, Hex.of(bad)).isInstanceOf(WireFormatException.class);
            }
        }
    }

    @Test
    void lengthPrefixFarBeyondThePayloadIsAWireFormatErrorNotAnAllocation() {
        // id (1 byte) + count (1 byte), then name's length FE FF FF FF 0F
        // (varint 2^32 - 2, zig-zag 2^31 - 1 bytes) with no bytes after it: over Avro's string limit
        byte[] bytes = Hex.bytes("00 00 00 00 01" + "02 02" + "FE FF FF FF 0F");
        serde.serializer().schemaIdFor(TOPIC);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void decodeNamesTopicPartitionOffsetAndSchemaId() {
        byte[] truncated = Arrays.copyOf(goldenBytes(), 8);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 3, 42L, null, truncated);

        assertThatThrownBy(() -> serde.decode(record))
                .isInstanceOfSatisfying(CorruptRecordException.class, e -> {
                    assertThat(e.topic()).isEqualTo(TOPIC);
                    assertThat(e.partition()).isEqualTo(3);
                    assertThat(e.offset()).isEqualTo(42L);
                    assertThat(e.schemaId()).contains(1);
                    assertThat(e).hasMessageContaining(TOPIC + "-3@42").hasMessageContaining("schema id 1")
                            .hasCauseInstanceOf(WireFormatException.class);
                });
    }

    @Test
    void decodeOfABadMagicByteNamesTheCoordinatesWithoutASchemaId() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 0, 7L, null, new byte[] {9, 9, 9, 9, 9, 9});

        assertThatThrownBy(() -> serde.decode(record))
                .isInstanceOfSatisfying(CorruptRecordException.class, e -> {
                    assertThat(e.schemaId()).isEmpty();
                    assertThat(e).hasMessageContaining(TOPIC + "-0@7");
                });
    }

    @Test
    void decodeReadsAGoodRecord() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 0, 0L, null, goldenBytes());

        assertThat(serde.decode(record)).isEqualTo(golden());
    }
}
