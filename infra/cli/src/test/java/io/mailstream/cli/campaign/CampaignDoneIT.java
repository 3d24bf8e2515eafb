package io.mailstream.cli.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.cli.CampaignStatusCommand;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.cli.demo.SampleRecipients;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.InvalidStateChangeException;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A list of any size: the launcher's duplicate window is bounded, so repeats far apart in the list
 * are published twice, and each recipient must still get one mail (the dispatcher's sent-ledger);
 * and the campaign turns DONE, written by the bounce processor once every message has an outcome.
 */
class CampaignDoneIT {
    private static final int UNIQUE = 300;
    private static final int REPEATS = 100;
    private static final String CAMPAIGN_ID = "done-it";
    private static final String CAMPAIGN = """
            id: done-it
            sender:
              address: news@example.com
            subject: "Hello {{first_name}}"
            text: "Hi {{first_name}} from {{city}}."
            recipients: recipients.csv
            """;
    private static final String BOUNCE_DOMAIN = "bounces.mailstream.test";

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    @Test
    void repeatsBeyondTheWindowShouldMailOnceAndTheCampaignShouldTurnDone() throws Exception {
        Path campaign = Files.writeString(work.resolve("campaign.yaml"), CAMPAIGN);
        Path recipients = SampleRecipients.write(work.resolve("recipients.csv"), UNIQUE);
        // the first REPEATS rows again at the end, upper-cased (the same recipient once normalised)
        List<String> rows = Files.readAllLines(recipients).subList(1, 1 + REPEATS);
        Files.writeString(recipients, rows.stream().map(r -> r.toUpperCase(Locale.ROOT) + "\n").collect(Collectors.joining()),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        STACK.sink().reset();
        VerpKeys keys = VerpKeys.generate("t");
        BounceProcessorConfig bounceConfig = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                        ReceiverConfig.of(new SignedVerp(Domain.of(BOUNCE_DOMAIN), keys), 0))
                .withStateDir(work.resolve("streams"))
                .withApplicationId("done-it");
        DispatcherConfig dispatcherConfig = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("done-it-dispatcher")
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain(BOUNCE_DOMAIN).verpKeys(keys)
                .build();
        // a window of one slot: a repeat is caught only right after its first row, so all 100 are published
        LaunchConfig launchConfig = LaunchConfig.of(STACK.bootstrapServers(), registry)
                .withRejectsFile(work.resolve("rejects.csv")).withDuplicateWindow(1);

        try (BounceProcessor bounces = BounceProcessor.start(bounceConfig);
             Dispatcher dispatcher = Dispatcher.create(dispatcherConfig, registry);
             CampaignStateChanger campaigns = CampaignStateChanger.connect(launchConfig.cluster(), Clock.systemUTC())) {
            dispatcher.start();
            LaunchSummary launched;
            try (CampaignLauncher launcher = CampaignLauncher.connect(launchConfig, Clock.systemUTC(), Progress.NONE)) {
                launched = launcher.launch(campaign);
            }
            assertThat(launched.published()).isEqualTo(UNIQUE + REPEATS);
            assertThat(launched.uniqueRecipients()).isEqualTo(UNIQUE);
            assertThat(campaigns.latest(CAMPAIGN_ID)).map(Campaign::getExpectedMessages).contains((long) UNIQUE);

            Awaitility.await("campaign DONE").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> campaigns.latest(CAMPAIGN_ID).map(Campaign::getState), s -> s.equals(Optional.of(CampaignState.DONE)));
            assertThat(bounces.campaignStats(CAMPAIGN_ID)).hasValueSatisfying(s -> assertThat(s.finishedMessages()).isEqualTo(UNIQUE));

            StringWriter out = new StringWriter();
            int code = new CommandLine(new CampaignStatusCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                    .execute(CAMPAIGN_ID, "--bootstrap-servers", STACK.bootstrapServers(), "--schema-registry", STACK.schemaRegistryUrl());
            assertThat(code).isZero();
            assertThat(out.toString()).contains("campaign done-it: done (300 of 300 messages finished)");

            try (CampaignLauncher launcher = CampaignLauncher.connect(launchConfig, Clock.systemUTC(), Progress.NONE)) {
                assertThatThrownBy(() -> launcher.launch(campaign)).isInstanceOf(InvalidStateChangeException.class)
                        .hasMessageContaining("DONE");
            }
        }

        List<ReceivedMessage> received = STACK.sink().received();
        Map<String, Long> perRecipient = received.stream()
                .collect(Collectors.groupingBy(m -> m.recipients().get(0).normalized(), Collectors.counting()));
        assertThat(perRecipient).hasSize(UNIQUE);
        assertThat(perRecipient.values()).as("mails per recipient").allMatch(n -> n == 1L);
        assertThat(received).hasSize(UNIQUE);
    }
}
