package io.mailstream.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.cli.demo.SampleDsn;
import io.mailstream.schemas.address.Domain;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounce processor on the embedded stack with its ops endpoint on an ephemeral port: ready once
 * Kafka Streams runs and the receiver listens; two DSNs for unknown users move the received,
 * bounce and suppression counters by exactly two; unready after close.
 */
class BounceProcessorOpsIT {
    private static final String BOUNCE_DOMAIN = "bounces.mailstream.test";

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    @Test
    void classifiedBouncesShouldMoveTheCountersByExactlyTheirNumber() throws Exception {
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                        ReceiverConfig.of(Domain.of(BOUNCE_DOMAIN), 0))
                .withStateDir(work.resolve("streams"))
                .withApplicationId("ops-bounces-it");
        try (HttpOpsServer ops = HttpOpsServer.start("bounce-processor", 0)) {
            OpsClient client = new OpsClient(ops.port());
            assertThat(client.status("/health/ready")).as("ready before the processor exists").isEqualTo(503);
            BounceProcessor processor = BounceProcessor.start(config, Clock.systemUTC(), ops.registry());
            try {
                ops.serveHealth(processor.health());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(client.status("/health/ready")).as(client.get("/health/ready").body()).isEqualTo(200));

                String host = "mx.dsn.ops.test";
                for (String user : new String[] {"ann", "bob"}) {
                    String verp = "bounces+ops-" + user + "@" + BOUNCE_DOMAIN;
                    String recipient = user + "@dsn.ops.test";
                    SampleDsn.send(processor.smtpPort(), host, verp, SampleDsn.userUnknown(host, verp, recipient));
                }

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        OpsClient.sum(client.metrics(), "mailstream_suppressions_written_total", Map.of())).isEqualTo(2.0));
                String m = client.metrics();
                assertThat(OpsClient.sum(m, "mailstream_bounces_received_total", Map.of("kind", "dsn"))).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_bounces_received_total", Map.of())).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_bounces_total",
                        Map.of("kind", "hard", "reason", "userunknown", "source", "bounce_message"))).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_suppressions_written_total", Map.of("source", "bounce"))).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_complaints_total", Map.of())).isZero();
                assertThat(OpsClient.sum(m, "mailstream_bounces_corrupt_records_total", Map.of())).isZero();
                assertThat(m).as("Kafka Streams client metrics (KafkaStreamsMetrics binder)").contains("\nkafka_stream_");
            } finally {
                processor.close();
            }
            assertThat(client.status("/health/ready")).as("ready after close").isEqualTo(503);
        }
    }
}
