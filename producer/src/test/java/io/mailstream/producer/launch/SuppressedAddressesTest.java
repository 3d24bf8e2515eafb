package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What --skip-suppressed leaves out: the addresses whose latest record blocks this campaign's list now. */
class SuppressedAddressesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final TopicPartition TP = new TopicPartition(Topics.SUPPRESSIONS, 0);
    private final AvroSerde<Suppression> serde = AvroSerde.forValue(Suppression.class, new InMemorySchemaRegistry());
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private long offset;

    private void add(String address, SuppressionSource source, Instant expiresAt, String scope) {
        SuppressionPart part = SuppressionPart.newBuilder().setSource(source).setReason(source.name().toLowerCase(Locale.ROOT))
                .setFirstSeen(NOW).setLastSeen(NOW).setExpiresAt(expiresAt).setScope(scope).build();
        Suppression s = Suppression.newBuilder().setAddress(address).setSource(source).setReason(part.getReason())
                .setFirstSeen(NOW).setLastSeen(NOW).setExpiresAt(expiresAt).setParts(List.of(part)).build();
        consumer.addRecord(new ConsumerRecord<>(Topics.SUPPRESSIONS, 0, offset++, address, serde.serializer().serialize(Topics.SUPPRESSIONS, s)));
    }

    private void tombstone(String address) {
        consumer.addRecord(new ConsumerRecord<>(Topics.SUPPRESSIONS, 0, offset++, address, null));
    }

    private SuppressedAddresses read(Optional<String> list) {
        return SuppressedAddresses.read(consumer, serde, list, NOW, Duration.ofSeconds(10));
    }

    private void topic(int end) {
        consumer.updatePartitions(Topics.SUPPRESSIONS, List.of(new PartitionInfo(Topics.SUPPRESSIONS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, (long) end));
    }

    @Test
    void onlyAddressesWhoseLatestRecordBlocksThisListNowShouldBeSkipped() {
        topic(9);
        consumer.schedulePollTask(() -> {
            add("hard@example.org", SuppressionSource.BOUNCE, null, null);
            add("news@example.org", SuppressionSource.UNSUBSCRIBE, null, "news");
            add("offers@example.org", SuppressionSource.UNSUBSCRIBE, null, "offers");
            add("lifted@example.org", SuppressionSource.COMPLAINT, null, null);
            tombstone("lifted@example.org");
            tombstone("again@example.org");
            add("again@example.org", SuppressionSource.MANUAL, null, null);
            add("ended@example.org", SuppressionSource.BOUNCE, NOW.minusSeconds(1), null);
            add("Mixed@Example.ORG", SuppressionSource.COMPLAINT, null, null);
        });

        SuppressedAddresses news = read(Optional.of("news"));

        assertThat(news.contains(EmailAddress.parse("hard@example.org"))).isTrue();
        assertThat(news.contains(EmailAddress.parse("news@example.org"))).isTrue();
        assertThat(news.contains(EmailAddress.parse("offers@example.org"))).as("another list's unsubscribe").isFalse();
        assertThat(news.contains(EmailAddress.parse("lifted@example.org"))).as("tombstone after it").isFalse();
        assertThat(news.contains(EmailAddress.parse("again@example.org"))).as("suppressed after a tombstone").isTrue();
        assertThat(news.contains(EmailAddress.parse("ended@example.org"))).as("soft window over").isFalse();
        assertThat(news.contains(EmailAddress.parse("mixed@example.org"))).as("normalised").isTrue();
        assertThat(news.contains(EmailAddress.parse("never@example.org"))).isFalse();
    }

    @Test
    void aCampaignWithoutAListShouldSkipEveryUnsubscribedAddress() {
        topic(1);
        consumer.schedulePollTask(() -> add("offers@example.org", SuppressionSource.UNSUBSCRIBE, null, "offers"));

        assertThat(read(Optional.empty()).contains(EmailAddress.parse("offers@example.org"))).isTrue();
    }

    @Test
    void aMissingTopicShouldMeanNobodyIsSuppressed() {
        assertThat(SuppressedAddresses.read(consumer, serde, Optional.empty(), NOW, Duration.ofSeconds(1)).size()).isZero();
    }
}
