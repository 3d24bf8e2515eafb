package io.mailstream.schemas.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.ShardMap;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class ShardMapTopicTest {
    private final AvroSerde<ShardMap> serde = AvroSerde.forValue(ShardMap.class, new InMemorySchemaRegistry());

    @Test
    void aShardMapShouldRoundTripThroughItsRecord() {
        DomainShards shards = DomainShards.parse("gmail.com=8,site:microsoft=4");

        ProducerRecord<byte[], byte[]> r = ShardMapTopic.record(shards, "pacing.properties", Instant.EPOCH, serde.serializer());

        assertThat(r.topic()).isEqualTo(Topics.SHARD_MAP);
        assertThat(new String(r.key())).isEqualTo(ShardMapTopic.KEY);
        assertThat(ShardMapTopic.shardsOf(serde.deserializer().deserialize(r.topic(), r.value()))).isEqualTo(shards);
    }

    @Test
    void aComponentWithoutShardsShouldTakeThePublishedMapAndOneWithoutAMapItsOwn() {
        DomainShards published = DomainShards.parse("site:google=8");

        assertThat(ShardMapTopic.reconcile("the API", DomainShards.NONE, Optional.of(published))).isEqualTo(published);
        assertThat(ShardMapTopic.reconcile("the API", published, Optional.of(published))).isEqualTo(published);
        assertThat(ShardMapTopic.reconcile("the API", published, Optional.empty())).isEqualTo(published);
    }

    @Test
    void aShardCountMismatchShouldBeRefusedNamingBothMaps() {
        DomainShards published = DomainShards.parse("site:google=8");

        assertThatThrownBy(() -> ShardMapTopic.reconcile("campaign spring-sale", DomainShards.parse("site:google=4"),
                Optional.of(published)))
                .isInstanceOf(ShardMapMismatchException.class)
                .hasMessageContaining("campaign spring-sale is configured with shards 'site:google=4'")
                .hasMessageContaining("shard map in mail.shard-map is 'site:google=8'")
                .hasMessageContaining("mailstream policies apply");
    }
}
