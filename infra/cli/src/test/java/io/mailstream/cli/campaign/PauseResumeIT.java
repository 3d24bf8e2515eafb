package io.mailstream.cli.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.CampaignState;
import io.mailstream.avro.Outcome;
import io.mailstream.cli.demo.DeliveryTally;
import io.mailstream.cli.demo.SampleRecipients;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause holds and resume releases, on the real stack: a campaign is launched to a running
 * dispatcher, paused mid-delivery through {@link CampaignStateChanger}; the SMTP sink then stops
 * receiving, and after resume every recipient gets exactly one message.
 */
class PauseResumeIT {
    private static final int RECIPIENTS = 2_000;
    private static final String CAMPAIGN_ID = "pause-resume-it";
    private static final String CAMPAIGN = """
            id: pause-resume-it
            sender:
              address: news@example.com
            subject: "Hello {{first_name}}"
            text: "Hi {{first_name}} from {{city}}."
            recipients: recipients.csv
            """;

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    @Test
    void pausedCampaignShouldStopDeliveringAndResumeShouldDeliverTheRestExactlyOnce() throws Exception {
        Path campaign = Files.writeString(work.resolve("campaign.yaml"), CAMPAIGN);
        SampleRecipients.write(work.resolve("recipients.csv"), RECIPIENTS);
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        STACK.sink().reset();
        DispatcherConfig dispatcherConfig = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("pause-resume-dispatcher")
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t"))
                .build();
        LaunchConfig launchConfig = LaunchConfig.of(STACK.bootstrapServers(), registry)
                .withRejectsFile(work.resolve("rejects.csv"));

        try (Dispatcher dispatcher = Dispatcher.create(dispatcherConfig, registry);
             DeliveryTally tally = new DeliveryTally(STACK.bootstrapServers(), registry);
             CampaignStateChanger changer = CampaignStateChanger.connect(launchConfig.cluster(), Clock.systemUTC())) {
            dispatcher.start();
            LaunchSummary launched;
            try (CampaignLauncher launcher = CampaignLauncher.connect(launchConfig, Clock.systemUTC(), Progress.NONE)) {
                launched = launcher.launch(campaign);
            }
            assertThat(launched.published()).isEqualTo(RECIPIENTS);

            Awaitility.await("first deliveries").atMost(Duration.ofMinutes(1)).until(() -> STACK.sink().count() > 0);
            assertThat(changer.pause(CAMPAIGN_ID).to()).isEqualTo(CampaignState.PAUSED);

            // Mail already handed to an SMTP connection when the pause arrived may still land; then nothing.
            long held = awaitSinkQuiet(Duration.ofSeconds(3), Duration.ofMinutes(1));
            assertThat(held).as("deliveries stopped before the campaign was done").isLessThan(RECIPIENTS);
            Awaitility.await("nothing delivered while paused").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> STACK.sink().count() == held);

            assertThat(changer.resume(CAMPAIGN_ID).to()).isEqualTo(CampaignState.SENDING);
            assertThat(tally.awaitTerminal(RECIPIENTS, Duration.ofMinutes(3))).as("all outcomes after resume").isTrue();
            tally.poll(Duration.ofMillis(500));
            assertThat(tally.count(Outcome.DELIVERED)).isEqualTo(RECIPIENTS);
            assertThat(tally.duplicateTerminalEvents()).isZero();
        }

        List<ReceivedMessage> received = STACK.sink().received();
        assertThat(received).hasSize(RECIPIENTS);
        Map<String, Long> perRecipient = received.stream()
                .collect(Collectors.groupingBy(m -> m.recipients().get(0).normalized(), Collectors.counting()));
        assertThat(perRecipient).hasSize(RECIPIENTS);
        assertThat(perRecipient.values()).allMatch(n -> n == 1L);
    }

    /** Waits until the sink's count has not changed for {@code quiet}; returns that count. */
    private static long awaitSinkQuiet(Duration quiet, Duration atMost) {
        AtomicLong last = new AtomicLong(-1);
        AtomicLong changedAt = new AtomicLong(System.nanoTime());
        Function<Long, Boolean> quietSince = now -> {
            if (now != last.getAndSet(now)) {
                changedAt.set(System.nanoTime());
                return false;
            }
            return System.nanoTime() - changedAt.get() >= quiet.toNanos();
        };
        Awaitility.await("deliveries stop after pause").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> quietSince.apply(STACK.sink().count()));
        return last.get();
    }
}
