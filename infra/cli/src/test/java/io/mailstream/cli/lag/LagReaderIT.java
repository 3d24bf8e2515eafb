package io.mailstream.cli.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mailstream.cli.Mailstream;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The Admin side of the lag monitor on the real stack: records are produced to three partitions
 * of mail.outbound, a group commits on some of them, and the reported lag follows what a consumer
 * does. The tests build on each other's offsets, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LagReaderIT {
    private static final String GROUP = "mailstream-lag-it";
    private static final String TOPIC = Topics.OUTBOUND;

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @Test
    @Order(1)
    void lagShouldBeReportedPerPartitionWithTotalsForAPartlyCommittedGroup() throws Exception {
        produce(0, 10);
        produce(1, 10);
        produce(2, 10);
        commit(Map.of(0, 10L, 1, 4L));

        try (LagReader reader = LagReader.connect(STACK.bootstrapServers(), Duration.ofSeconds(10), Clock.systemUTC())) {
            LagSnapshot s = reader.read(GroupFilter.named(List.of(GROUP)));

            assertThat(s.partitionsOf(GROUP)).extracting(PartitionLag::partition, PartitionLag::committed, PartitionLag::end, PartitionLag::lag)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(0, OptionalLong.of(10), 10L, 0L),
                            org.assertj.core.groups.Tuple.tuple(1, OptionalLong.of(4), 10L, 6L),
                            org.assertj.core.groups.Tuple.tuple(2, OptionalLong.empty(), 10L, 10L));
            assertThat(s.lagByGroup()).containsEntry(GROUP, 16L);
            assertThat(s.lagByTopic(GROUP)).containsExactly(Map.entry(TOPIC, 16L));
            // the default filter finds the group by its "mailstream" prefix
            assertThat(reader.read(GroupFilter.defaults()).lagByGroup()).containsEntry(GROUP, 16L);
        }
    }

    @Test
    @Order(2)
    void lagShouldRiseWhileNoConsumerRuns() {
        try (LagReader reader = LagReader.connect(STACK.bootstrapServers(), Duration.ofSeconds(10), Clock.systemUTC())) {
            GroupFilter filter = GroupFilter.named(List.of(GROUP));
            LagSnapshot before = reader.read(filter);
            produce(1, 5);
            LagSnapshot after = reader.read(filter);

            assertThat(after.lagByGroup()).containsEntry(GROUP, before.lagByGroup().get(GROUP) + 5);
            LagRate rate = LagCalculator.rates(before, after).get(GROUP);
            assertThat(rate.direction()).isEqualTo(LagRate.Direction.GROWING);
            assertThat(rate.timeToDrain()).isEmpty();
        }
    }

    @Test
    @Order(3)
    void lagShouldDrainToZeroWhenAConsumerConsumes() {
        try (LagReader reader = LagReader.connect(STACK.bootstrapServers(), Duration.ofSeconds(10), Clock.systemUTC());
             KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            GroupFilter filter = GroupFilter.named(List.of(GROUP));
            LagSnapshot before = reader.read(filter);
            assertThat(before.totalLag()).isPositive();
            consumer.subscribe(List.of(TOPIC));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200));
                consumer.commitSync();
                assertThat(reader.read(filter).lagByGroup()).containsEntry(GROUP, 0L);
            });
            LagSnapshot after = reader.read(filter);
            LagRate rate = LagCalculator.rates(before, after).get(GROUP);
            assertThat(rate.direction()).isEqualTo(LagRate.Direction.DRAINING);
            assertThat(rate.timeToDrain()).contains(Duration.ZERO);
        }
    }

    @Test
    @Order(4)
    void commandShouldExitWithThreeWhenAGroupIsOverMaxLagAndZeroOtherwise() {
        commit(Map.of(0, 0L, 1, 15L, 2, 10L)); // lag 10 on partition 0 again

        StringWriter out = new StringWriter();
        int over = run(out, "lag", "--bootstrap-servers", STACK.bootstrapServers(), "--group", GROUP,
                "--samples", "1", "--json", "--max-lag", "9");
        assertThat(over).isEqualTo(LagCommand.MAX_LAG_CROSSED);
        assertThat(out.toString()).contains("\"group\":\"" + GROUP + "\"", "\"lag\":10", "\"maxLagCrossed\":true");

        StringWriter table = new StringWriter();
        int ok = run(table, "lag", "--bootstrap-servers", STACK.bootstrapServers(), "--group", GROUP,
                "--samples", "2", "--interval", "200ms", "--max-lag", "10");
        assertThat(ok).isEqualTo(LagCommand.OK);
        assertThat(table.toString()).contains("GROUP", TOPIC, "total lag 10", "steady, not draining");
    }

    @Test
    @Order(5)
    void unreachableBrokerShouldFailWithinTheTimeoutNamingTheAddress() {
        try (LagReader reader = LagReader.connect("localhost:1", Duration.ofSeconds(2), Clock.systemUTC())) {
            assertThatThrownBy(() -> reader.read(GroupFilter.defaults()))
                    .isInstanceOf(BrokerUnreachableException.class)
                    .hasMessageContaining("localhost:1").hasMessageContaining("2000 ms");
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Mailstream.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("lag", "--bootstrap-servers", "localhost:1", "--timeout", "1s", "--samples", "1");
        assertThat(code).isEqualTo(LagCommand.FAILED);
        assertThat(err.toString()).contains("mailstream lag: Kafka at localhost:1 did not answer");
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = Mailstream.commandLine();
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    private static void produce(int partition, int count) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, partition, null, new byte[] {(byte) i}));
            }
            producer.flush();
        }
    }

    private static void commit(Map<Integer, Long> offsets) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> o = new java.util.HashMap<>();
            offsets.forEach((partition, offset) -> o.put(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(GROUP, o).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not commit " + offsets, e);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
