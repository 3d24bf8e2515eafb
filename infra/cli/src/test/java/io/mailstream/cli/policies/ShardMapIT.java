package io.mailstream.cli.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchException;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One source of truth for shards: {@code mailstream policies apply} publishes the shard map; launch
 * routes by it, and a campaign file or a dispatcher configured with other shard counts is refused
 * with an error naming both maps (nothing published, the dispatcher not started).
 */
class ShardMapIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    private String campaign(String id, String shards) throws Exception {
        Files.writeString(work.resolve(id + ".csv"), "email\nann@gmail.com\nbob@googlemail.com\ncy@hotmail.com\ndi@small.example\n");
        Path file = Files.writeString(work.resolve(id + ".yaml"), """
                id: %s
                sender:
                  address: news@example.com
                subject: "Hello"
                text: "Hi"
                recipients:
                  path: %s.csv
                %s
                """.formatted(id, id, shards));
        return file.toString();
    }

    private int run(StringWriter out, String... args) {
        CommandLine cmd = new CommandLine(new PoliciesGroup())
                .addSubcommand("apply", new PoliciesApplyCommand())
                .addSubcommand("show", new PoliciesShowCommand());
        cmd.setOut(new PrintWriter(out, true));
        return cmd.execute(args);
    }

    @Test
    void theAppliedShardMapShouldRouteLaunchesAndRefuseMismatchedCampaignsAndDispatchers() throws Exception {
        Path pacing = Files.writeString(work.resolve("pacing.properties"), """
                domain-shards=site:google=4
                policy.google.sites=google
                policy.google.max-per-second=50
                policy.google.max-connections=10
                """);
        StringWriter applied = new StringWriter();
        assertThat(run(applied, "apply", "--bootstrap-servers", STACK.bootstrapServers(), "--schema-registry",
                STACK.schemaRegistryUrl(), pacing.toString())).isZero();
        assertThat(applied.toString()).contains("site:google=4");
        StringWriter shown = new StringWriter();
        assertThat(run(shown, "show", "--bootstrap-servers", STACK.bootstrapServers(), "--schema-registry",
                STACK.schemaRegistryUrl())).isZero();
        assertThat(shown.toString()).contains("site:google=4");

        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        LaunchConfig launch = LaunchConfig.of(STACK.bootstrapServers(), registry).withRejectsFile(work.resolve("rejects.csv"));
        try (CampaignLauncher launcher = CampaignLauncher.connect(launch, Clock.systemUTC(), Progress.NONE)) {
            // a campaign naming no shards is routed by the fleet's map
            assertThat(launcher.launch(Path.of(campaign("by-map", ""))).published()).isEqualTo(4);
            // a campaign file with its own, different counts is refused before anything is published
            assertThatThrownBy(() -> launcher.launch(Path.of(campaign("mismatch", "shards: {site:google: 8}"))))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageContaining("configured with shards 'site:google=8'")
                    .hasMessageContaining("shard map in mail.shard-map is 'site:google=4'");
        }
        List<String> keys = TopicContents.readAll(STACK.bootstrapServers(), Topics.OUTBOUND).stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
        assertThat(keys).hasSize(4);
        assertThat(keys).filteredOn(k -> k.startsWith("site:google")).hasSize(2).allMatch(k -> k.matches("site:google#[0-3]"));
        assertThat(keys).contains("site:microsoft", "small.example");

        DispatcherConfig mismatched = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("shard-map-it")
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t"))
                .pacing(PacingProperties.parse(java.util.Map.of("domain-shards", "site:google=8")))
                .build();
        assertThatThrownBy(() -> Dispatcher.create(mismatched, registry).close())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("domain-shards")
                .hasMessageContaining("dispatcher shard-map-it is configured with shards 'site:google=8'");
    }
}
