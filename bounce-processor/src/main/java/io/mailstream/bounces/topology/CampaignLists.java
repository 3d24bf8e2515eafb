package io.mailstream.bounces.topology;

import io.mailstream.avro.Campaign;
import io.mailstream.bounces.topology.internal.PatientDeserializer;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serde of the topology's global table of {@code mail.campaigns}, read for one thing: the
 * list ({@code listId}) a mailto unsubscribe of a campaign's message leaves. A registry outage is
 * waited out ({@link PatientDeserializer}): a campaign read as missing would widen the
 * unsubscribe. A corrupt record reads as no campaign (logged and counted; the main topology's
 * inputs dead-letter theirs, a global table has no such path): an unsubscribe of that campaign's
 * mail then leaves every list, the stricter reading, never a weaker one.
 */
final class CampaignLists {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignLists.class);

    private CampaignLists() {
    }

    static Serde<Campaign> serde(SchemaRegistry registry, TopologyCounters counters) {
        AvroSerde<Campaign> avro = AvroSerde.forValue(Campaign.class, registry);
        Deserializer<Campaign> patient = new PatientDeserializer<>(avro.deserializer());
        Deserializer<Campaign> tolerant = (topic, bytes) -> {
            try {
                return patient.deserialize(topic, bytes);
            } catch (RuntimeException e) {
                if (e instanceof org.apache.kafka.common.errors.InterruptException) {
                    throw e;
                }
                counters.corruptRecord();
                LOG.warn("A record of {} does not decode ({}): read as no campaign, so a mailto unsubscribe of its mail "
                        + "leaves every list", topic, e.toString());
                return null;
            }
        };
        return Serdes.serdeFrom(avro.serializer(), tolerant);
    }
}
