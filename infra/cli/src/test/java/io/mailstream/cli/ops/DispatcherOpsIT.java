package io.mailstream.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.Outcome;
import io.mailstream.cli.demo.DeliveryTally;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.smtp.SinkRule;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatcher on the embedded stack with its ops endpoint on an ephemeral port: unready before it
 * starts, ready once it owns partitions, and after delivering a campaign (3 accepted, 2 refused
 * with 550) its counters say exactly that.
 */
class DispatcherOpsIT {
    private static final Domain FINE = Domain.of("fine.ops.test");
    private static final Domain REJECTING = Domain.of("reject.ops.test");

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    @Test
    void countersShouldMoveByExactlyWhatWasDeliveredAndReadinessFollowTheDispatcher() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        STACK.sink().reset();
        STACK.sink().addRule(SinkRule.rejectDomain(REJECTING, 550, "5.1.1", "user unknown"));
        DispatcherConfig config = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("ops-dispatcher")
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t"))
                .build();
        Path recipients = Files.writeString(work.resolve("recipients.csv"), "email,first_name,city\n"
                + "a@fine.ops.test,A,Oslo\nb@fine.ops.test,B,Oslo\nc@fine.ops.test,C,Oslo\n"
                + "x@reject.ops.test,X,Oslo\ny@reject.ops.test,Y,Oslo\n");

        try (HttpOpsServer ops = HttpOpsServer.start("dispatcher", 0);
             DeliveryTally tally = new DeliveryTally(STACK.bootstrapServers(), registry)) {
            OpsClient client = new OpsClient(ops.port());
            Dispatcher dispatcher = Dispatcher.create(config, registry, Clock.systemUTC(), ops.registry());
            ops.serveHealth(dispatcher.health());
            assertThat(client.status("/health/ready")).as("ready before start").isEqualTo(503);
            assertThat(client.status("/health/live")).isEqualTo(200);

            dispatcher.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(client.status("/health/ready")).as(client.get("/health/ready").body()).isEqualTo(200));

            launch(registry, recipients);
            assertThat(tally.awaitTerminal(5, Duration.ofMinutes(2))).as("campaign done").isTrue();
            assertThat(tally.count(Outcome.DELIVERED)).isEqualTo(3);

            // events count once acknowledged: wait for the last acknowledgement to reach the counter
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    OpsClient.sum(client.metrics(), "mailstream_messages_total", Map.of())).isEqualTo(5.0));
            String m = client.metrics();
            assertThat(OpsClient.sum(m, "mailstream_messages_total", Map.of("outcome", "delivered"))).isEqualTo(3.0);
            assertThat(OpsClient.sum(m, "mailstream_messages_total", Map.of("outcome", "bounced"))).isEqualTo(2.0);
            assertThat(OpsClient.sum(m, "mailstream_messages_total",
                    Map.of("outcome", "delivered", "domain_group", "fine.ops.test"))).isEqualTo(3.0);
            assertThat(OpsClient.sum(m, "mailstream_smtp_replies_total", Map.of("code_class", "2xx", "code", "250")))
                    .isEqualTo(3.0);
            assertThat(OpsClient.sum(m, "mailstream_smtp_replies_total", Map.of("code_class", "5xx", "code", "550")))
                    .isEqualTo(2.0);
            assertThat(OpsClient.sum(m, "mailstream_smtp_transaction_seconds_count", Map.of())).isEqualTo(5.0);
            assertThat(OpsClient.sum(m, "mailstream_smtp_transaction_seconds_bucket",
                    Map.of("le", "+Inf", "result", "bounced"))).isEqualTo(2.0);
            assertThat(OpsClient.has(m, "mailstream_dispatcher_buffered_records")).isTrue();
            assertThat(OpsClient.has(m, "kafka_consumer_fetch_manager_records_lag_max")).isTrue();
            assertThat(OpsClient.sum(m, "kafka_consumer_coordinator_assigned_partitions", Map.of())).isPositive();

            dispatcher.close();
            assertThat(client.status("/health/ready")).as("ready after close").isEqualTo(503);
            assertThat(client.status("/health/live")).as("a clean stop is not a failure").isEqualTo(200);
        }
    }

    private void launch(SchemaRegistry registry, Path recipients) throws Exception {
        String yaml = Files.readString(Path.of("..", "..", "examples", "welcome", "campaign.yaml"))
                .replace("id: welcome-2026-01", "id: ops-it");
        Path campaign = Files.writeString(work.resolve("ops-it.yaml"), yaml);
        LaunchConfig launch = LaunchConfig.of(STACK.bootstrapServers(), registry)
                .withRecipients(recipients)
                .withRejectsFile(work.resolve("rejects.csv"));
        try (CampaignLauncher launcher = CampaignLauncher.connect(launch, Clock.systemUTC(), Progress.NONE)) {
            launcher.launch(campaign);
        }
    }
}
