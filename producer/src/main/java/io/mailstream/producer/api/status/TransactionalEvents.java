package io.mailstream.producer.api.status;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.WireFormat;
import io.mailstream.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which delivery events are of transactional messages: those without a campaign (the API publishes
 * transactional mail with {@code campaignId} null, templates included). Campaigns write these events
 * by the million, so when the writer's schema starts with {@code messageId: string, campaignId:
 * [null, string]} (every version so far) only those two fields are looked at in the Avro binary;
 * any other layout is decoded in full. An event that cannot be read is left out (and logged): it could
 * not be answered about anyway.
 */
final class TransactionalEvents implements Predicate<byte[]> {
    private static final Logger log = LoggerFactory.getLogger(TransactionalEvents.class);

    private final AvroSerde<DeliveryEvent> serde;
    private final SchemaRegistry registry;
    /** Per writer schema id: can the campaign id be found by skipping the message id? */
    private final Map<Integer, Boolean> peekable = new ConcurrentHashMap<>();

    TransactionalEvents(AvroSerde<DeliveryEvent> serde, SchemaRegistry registry) {
        this.serde = serde;
        this.registry = registry;
    }

    @Override
    public boolean test(byte[] value) {
        try {
            if (value.length > WireFormat.HEADER_LENGTH && value[0] == WireFormat.MAGIC_BYTE) {
                int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
                if (peekable.computeIfAbsent(schemaId, id -> startsWithIdAndCampaign(registry.schemaById(id)))) {
                    return campaignIsNull(value);
                }
            }
            return serde.deserializer().deserialize(Topics.DELIVERY_EVENTS, value).getCampaignId() == null;
        } catch (RuntimeException e) {
            log.warn("leaving an undecodable delivery event out of {}: {}", Topics.TRANSACTIONAL_STATUS, e.getMessage());
            return false;
        }
    }

    static boolean startsWithIdAndCampaign(Schema writer) {
        List<Schema.Field> fields = writer.getFields();
        if (fields.size() < 2 || !fields.get(0).name().equals("messageId") || !fields.get(1).name().equals("campaignId")) {
            return false;
        }
        Schema campaign = fields.get(1).schema();
        return fields.get(0).schema().getType() == Schema.Type.STRING
                && campaign.getType() == Schema.Type.UNION && campaign.getTypes().size() == 2
                && campaign.getTypes().get(0).getType() == Schema.Type.NULL
                && campaign.getTypes().get(1).getType() == Schema.Type.STRING;
    }

    /** Avro binary: the message id (zig-zag varint length + UTF-8 bytes), then the union branch of campaignId (0 = null). */
    private static boolean campaignIsNull(byte[] value) {
        int[] at = {WireFormat.HEADER_LENGTH};
        long idLength = readLong(value, at);
        if (idLength < 0 || at[0] + idLength >= value.length) {
            throw new IllegalArgumentException("a delivery event whose message id runs past its end");
        }
        at[0] += (int) idLength;
        return readLong(value, at) == 0;
    }

    private static long readLong(byte[] b, int[] at) {
        long raw = 0;
        int shift = 0;
        while (true) {
            if (at[0] >= b.length || shift > 63) {
                throw new IllegalArgumentException("a delivery event with a truncated varint");
            }
            int x = b[at[0]++] & 0xff;
            raw |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            shift += 7;
        }
    }
}
