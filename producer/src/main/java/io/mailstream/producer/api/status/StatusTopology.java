package io.mailstream.producer.api.status;

import io.mailstream.schemas.topics.Topics;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The API's Kafka Streams topology. The replicas share one application id, so they split the work of
 * copying the delivery events of transactional messages from {@code mail.delivery-events} (which
 * campaigns fill by the million) to the compacted {@code mail.transactional-status}; every replica
 * then holds all of that small topic, and all of {@code mail.campaigns} (the templates and their
 * tenants), in global tables. Values stay in the Confluent wire format: they are decoded when read.
 */
public final class StatusTopology {
    /** The latest delivery event of each transactional message, by message id. */
    public static final String STATUS_STORE = "transactional-status";
    /** The latest {@code mail.campaigns} record of each campaign (template), by campaign id. */
    public static final String TEMPLATE_STORE = "templates";

    private StatusTopology() {
    }

    /**
     * @param isTransactional whether a {@code mail.delivery-events} value is the outcome of a transactional message
     */
    public static Topology build(StreamsBuilder builder, Predicate<byte[]> isTransactional) {
        builder.stream(Topics.DELIVERY_EVENTS, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .filter((messageId, event) -> event != null && isTransactional.test(event))
                .to(Topics.TRANSACTIONAL_STATUS, Produced.with(Serdes.String(), Serdes.ByteArray()));
        builder.globalTable(Topics.TRANSACTIONAL_STATUS, Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STATUS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        builder.globalTable(Topics.CAMPAIGNS, Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(TEMPLATE_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        return builder.build();
    }
}
