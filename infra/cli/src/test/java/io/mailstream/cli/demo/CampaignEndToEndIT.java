package io.mailstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end on the real stack: campaign file → launcher → mail.outbound →
 * dispatcher → SMTP sink, and every outcome back on mail.delivery-events.
 */
class CampaignEndToEndIT {
    private static final int RECIPIENTS = 400;

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    @Test
    void everyRecipientShouldReceiveExactlyOneOwnMessageAndEveryMessageOneTerminalEvent() throws Exception {
        Path recipients = SampleRecipients.write(work.resolve("recipients.csv"), RECIPIENTS);
        Path campaign = Path.of("..", "..", "examples", "welcome", "campaign.yaml");
        assertThat(campaign).isRegularFile();
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        STACK.sink().reset();

        DispatcherConfig config = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("e2e-dispatcher")
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t"))
                .build();
        LaunchSummary launched;
        try (Dispatcher dispatcher = Dispatcher.create(config, registry);
             DeliveryTally tally = new DeliveryTally(STACK.bootstrapServers(), registry)) {
            dispatcher.start();
            LaunchConfig launchConfig = LaunchConfig.of(STACK.bootstrapServers(), registry)
                    .withRecipients(recipients)
                    .withRejectsFile(work.resolve("rejects.csv"));
            try (CampaignLauncher launcher = CampaignLauncher.connect(launchConfig, Clock.systemUTC(), Progress.NONE)) {
                launched = launcher.launch(campaign);
            }
            assertThat(launched.published()).isEqualTo(RECIPIENTS);

            assertThat(tally.awaitTerminal(RECIPIENTS, Duration.ofMinutes(3))).as("all outcomes arrive").isTrue();
            // Give stray duplicates a chance to show up before we count them.
            tally.poll(Duration.ofMillis(500));
            assertThat(tally.count(Outcome.DELIVERED)).isEqualTo(RECIPIENTS);
            assertThat(tally.duplicateTerminalEvents()).isZero();
            assertThat(tally.terminalMessages()).isEqualTo(RECIPIENTS);
        }

        List<ReceivedMessage> received = STACK.sink().received();
        assertThat(received).hasSize(RECIPIENTS);
        Map<String, List<ReceivedMessage>> byRecipient = received.stream()
                .collect(Collectors.groupingBy(m -> m.recipients().get(0).normalized()));
        Map<String, String> firstNames = readFirstNames(recipients);
        assertThat(byRecipient.keySet()).containsExactlyInAnyOrderElementsOf(firstNames.keySet());
        Session session = Session.getInstance(new Properties());
        for (Map.Entry<String, List<ReceivedMessage>> e : byRecipient.entrySet()) {
            assertThat(e.getValue()).as("messages to %s", e.getKey()).hasSize(1);
            ReceivedMessage m = e.getValue().get(0);
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(m.raw()));
            assertThat(mime.getSubject()).isEqualTo("Welcome aboard, " + firstNames.get(e.getKey()) + "!");
            assertThat(textPart(mime)).contains("You receive this because " + e.getKey() + " signed up");
            assertThat(m.envelopeFrom()).hasValueSatisfying(from -> assertThat(from).startsWith("bounces+")
                    .endsWith("@bounces.mailstream.test"));
        }
    }

    private static Map<String, String> readFirstNames(Path csv) throws Exception {
        Map<String, String> names = new HashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, RECIPIENTS + 1)) {
            String[] cols = line.split(",");
            names.put(EmailAddress.parse(cols[0]).normalized(), cols[1]);
        }
        return names;
    }

    private static String textPart(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String text = textPart(mp.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
