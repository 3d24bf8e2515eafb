package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.producer.testsupport.CampaignFixtures;
import io.mailstream.producer.testsupport.MixedRecipientList;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 000 rows with malformed, duplicate and IDN addresses launched into a real broker: exactly the
 * valid unique recipients land in mail.outbound, the rest in the rejects file, and a relaunch
 * publishes the very same message ids (so the dispatcher's dedup makes it a no-op).
 */
class MixedListLaunchIT {
    private static final int ROWS = 100_000;

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path dir;

    @Test
    void launchShouldPublishExactlyTheValidUniqueRowsAndRelaunchTheSameIds() throws Exception {
        MixedRecipientList.Expected expected = MixedRecipientList.write(dir.resolve("list.csv"), ROWS);
        Path campaign = CampaignFixtures.campaign(dir, "list.csv");
        LaunchConfig config = LaunchConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl())
                .withRejectsFile(dir.resolve("rejects.csv"));

        LaunchSummary first;
        try (CampaignLauncher launcher = CampaignLauncher.connect(config, Clock.systemUTC(), Progress.NONE)) {
            first = launcher.launch(campaign);
        }
        assertThat(first.published()).isEqualTo(expected.published());
        assertThat(first.rejected()).isEqualTo(expected.rejected()).isPositive();
        assertThat(first.duplicates()).isEqualTo(expected.duplicates()).isPositive();
        assertThat(Files.readAllLines(first.rejectsFile()))
                .hasSize((int) (1 + expected.rejected() + expected.duplicates()));

        List<MailMessage> afterFirst = readOutbound(expected.published());
        assertThat(afterFirst).hasSize((int) expected.published());
        Set<String> ids = afterFirst.stream().map(MailMessage::getMessageId).collect(Collectors.toSet());
        assertThat(ids).hasSize((int) expected.published());
        assertThat(afterFirst).filteredOn(m -> m.getRecipientDomain().equals("xn--bcher-kva.example")).isNotEmpty();

        try (CampaignLauncher launcher = CampaignLauncher.connect(config, Clock.systemUTC(), Progress.NONE)) {
            launcher.launch(campaign);
        }
        List<MailMessage> afterBoth = readOutbound(2 * expected.published());
        Map<String, Integer> copies = new HashMap<>();
        afterBoth.forEach(m -> copies.merge(m.getMessageId(), 1, Integer::sum));
        assertThat(copies.keySet()).isEqualTo(ids);
        assertThat(copies.values()).containsOnly(2);
    }

    /** Everything in mail.outbound; fails if fewer than {@code atLeast} records are there. */
    private List<MailMessage> readOutbound(long atLeast) {
        AvroSerde<MailMessage> serde = AvroSerde.forValue(MailMessage.class,
                new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl())));
        List<MailMessage> out = TopicContents.readAll(STACK.bootstrapServers(), Topics.OUTBOUND).stream()
                .map(serde::decode).toList();
        assertThat(out).as("records in %s", Topics.OUTBOUND).hasSizeGreaterThanOrEqualTo((int) atLeast);
        return out;
    }
}
