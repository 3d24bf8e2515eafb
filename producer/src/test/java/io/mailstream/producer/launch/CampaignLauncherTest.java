package io.mailstream.producer.launch;

import static io.mailstream.producer.testsupport.CampaignFixtures.campaign;
import static io.mailstream.producer.testsupport.CampaignFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.producer.campaign.CampaignFileException;
import io.mailstream.producer.testsupport.MixedRecipientList;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignLauncherTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
    private final AvroSerde<Campaign> campaigns = AvroSerde.forValue(Campaign.class, registry);

    private static MockProducer<String, byte[]> mockProducer() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    private LaunchSummary launch(MockProducer<String, byte[]> producer, Path campaignFile, LaunchConfig config) {
        try (CampaignLauncher launcher = CampaignLauncher.using(producer, registry, config, CLOCK, Progress.NONE)) {
            return launcher.launch(campaignFile);
        }
    }

    private LaunchConfig config() {
        return LaunchConfig.of("localhost:9092", registry).withRejectsFile(dir.resolve("rejects.csv"));
    }

    private List<MailMessage> outbound(MockProducer<String, byte[]> producer) {
        return producer.history().stream()
                .filter(r -> r.topic().equals(Topics.OUTBOUND))
                .map(r -> messages.deserializer().deserialize(r.topic(), r.value()))
                .toList();
    }

    @Test
    void publishesExactlyTheValidUniqueRecipientsAndWritesTheRestToTheRejectsFile() throws IOException {
        MixedRecipientList.Expected expected = MixedRecipientList.write(dir.resolve("list.csv"), 100_000);
        Path file = campaign(dir, "list.csv");
        MockProducer<String, byte[]> producer = mockProducer();

        LaunchSummary summary = launch(producer, file, config());

        assertThat(expected.rejected()).isPositive();
        assertThat(expected.duplicates()).isPositive();
        assertThat(summary.rowsRead()).isEqualTo(100_000);
        assertThat(summary.published()).isEqualTo(expected.published());
        assertThat(summary.rejected()).isEqualTo(expected.rejected());
        assertThat(summary.duplicates()).isEqualTo(expected.duplicates());
        List<MailMessage> sent = outbound(producer);
        assertThat(sent).hasSize((int) expected.published());
        assertThat(sent).extracting(MailMessage::getMessageId).doesNotHaveDuplicates();
        assertThat(sent).filteredOn(m -> m.getRecipientDomain().startsWith("xn--"))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getTo()).endsWith("@xn--bcher-kva.example"));
        List<String> rejectLines = Files.readAllLines(summary.rejectsFile());
        assertThat(rejectLines.get(0)).isEqualTo("line,address,reason");
        assertThat(rejectLines).hasSize((int) (1 + expected.rejected() + expected.duplicates()));
        assertThat(rejectLines).anySatisfy(l -> assertThat(l).startsWith("15,user13.example.com,"));
    }

    @Test
    void buildsEachEventFromTheCampaignAndTheRow() {
        write(dir.resolve("r.csv"), "email,first_name\nAda@Gmail.com,Ada\n");
        Path file = campaign(dir, "r.csv");
        MockProducer<String, byte[]> producer = mockProducer();

        launch(producer, file, config().withVersion(3));

        ProducerRecord<String, byte[]> campaignRecord = producer.history().get(0);
        assertThat(campaignRecord.topic()).isEqualTo(Topics.CAMPAIGNS);
        assertThat(campaignRecord.key()).isEqualTo("spring-sale");
        Campaign c = campaigns.deserializer().deserialize(Topics.CAMPAIGNS, campaignRecord.value());
        assertThat(c.getState()).isEqualTo(CampaignState.SENDING);
        assertThat(c.getVersion()).isEqualTo(3);
        assertThat(c.getUpdatedAt()).isEqualTo(NOW);
        assertThat(c.getSender().getAddress()).isEqualTo("news@example.com");
        assertThat(c.getHeaders()).containsEntry("X-Campaign", "spring");

        ProducerRecord<String, byte[]> event = producer.history().get(1);
        MailMessage m = messages.deserializer().deserialize(Topics.OUTBOUND, event.value());
        EmailAddress ada = EmailAddress.parse("Ada@Gmail.com");
        assertThat(m.getKind()).isEqualTo(MessageKind.CAMPAIGN);
        assertThat(m.getMessageId()).isEqualTo(MessageIds.forCampaign("spring-sale", ada));
        assertThat(m.getFrom()).isEqualTo("news@example.com");
        assertThat(m.getFromName()).isEqualTo("Example Shop");
        assertThat(m.getTo()).isEqualTo("Ada@gmail.com");
        assertThat(m.getRecipientDomain()).isEqualTo("gmail.com");
        assertThat(m.getRoutingKey()).matches("gmail\\.com#[0-3]");
        assertThat(event.key()).isEqualTo(m.getRoutingKey());
        assertThat(m.getTemplate().getCampaignId()).isEqualTo("spring-sale");
        assertThat(m.getTemplate().getVersion()).isEqualTo(3);
        assertThat(m.getVariables()).containsEntry("first_name", "Ada").containsEntry("email", "Ada@Gmail.com");
        assertThat(m.getCreatedAt()).isEqualTo(NOW);
    }

    @Test
    void routesMailByDestinationSiteAndKeepsTheDomainKeyOfADomainTheShardMapNames() throws IOException {
        write(dir.resolve("r.csv"), "email,first_name\nada@gmail.com,A\nbob@googlemail.com,B\ncy@hotmail.com,C\ndi@aol.com,D\nel@yahoo.com,E\nfi@small.example,F\n");
        Path file = campaign(dir, "r.csv");
        Files.writeString(file, Files.readString(file).replace("  gmail.com: 4", "  gmail.com: 4\n  site:microsoft: 2"));
        MockProducer<String, byte[]> producer = mockProducer();

        launch(producer, file, config());

        Map<String, String> keyByDomain = outbound(producer).stream()
                .collect(java.util.stream.Collectors.toMap(MailMessage::getRecipientDomain, MailMessage::getRoutingKey));
        assertThat(keyByDomain.get("gmail.com")).as("named in the shard map: its own key, as before sites").matches("gmail\\.com#[0-3]");
        assertThat(keyByDomain.get("googlemail.com")).isEqualTo("site:google");
        assertThat(keyByDomain.get("hotmail.com")).matches("site:microsoft#[01]");
        assertThat(keyByDomain.get("aol.com")).isEqualTo("site:yahoo");
        assertThat(keyByDomain.get("yahoo.com")).isEqualTo("site:yahoo");
        assertThat(keyByDomain.get("small.example")).isEqualTo("small.example");
        assertThat(producer.history()).filteredOn(r -> r.topic().equals(Topics.OUTBOUND))
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(messages.deserializer().deserialize(r.topic(), r.value()).getRoutingKey()));
    }

    @Test
    void relaunchPublishesTheSameMessageIds() throws IOException {
        MixedRecipientList.write(dir.resolve("list.csv"), 5_000);
        Path file = campaign(dir, "list.csv");
        MockProducer<String, byte[]> first = mockProducer();
        MockProducer<String, byte[]> second = mockProducer();

        launch(first, file, config());
        launch(second, file, config());

        assertThat(outbound(second)).extracting(MailMessage::getMessageId)
                .containsExactlyElementsOf(outbound(first).stream().map(MailMessage::getMessageId).toList());
    }

    @Test
    void readsRecipientsFromTheOverrideInsteadOfTheCampaignList() {
        write(dir.resolve("r.csv"), "email,first_name\na@example.com,A\n");
        Path generated = write(dir.resolve("gen/big.csv"),
                "email,first_name\nx@example.org,X\ny@example.org,Y\nz@example.org,Z\n");
        MockProducer<String, byte[]> producer = mockProducer();

        LaunchSummary summary = launch(producer, campaign(dir, "r.csv"), config().withRecipients(generated));

        assertThat(summary.published()).isEqualTo(3);
        assertThat(outbound(producer)).extracting(MailMessage::getTo)
                .containsExactly("x@example.org", "y@example.org", "z@example.org");
    }

    @Test
    void refusesAnInvalidCampaignFileBeforePublishingAnything() {
        write(dir.resolve("r.csv"), "email\na@example.com\n");
        Path file = write(dir.resolve("c.yaml"), "id: x\nsubject: hi\ntext: body\nrecipients: r.csv\n");
        MockProducer<String, byte[]> producer = mockProducer();

        assertThatThrownBy(() -> launch(producer, file, config())).isInstanceOf(CampaignFileException.class);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void stopsAtTheFirstUnacknowledgedEventAndSaysHowFarItGot() {
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (int i = 0; i < 1000; i++) {
            csv.append("u").append(i).append("@example.com,U\n");
        }
        write(dir.resolve("r.csv"), csv.toString());
        MockProducer<String, byte[]> producer = new FailingAfter(101);

        assertThatThrownBy(() -> launch(producer, campaign(dir, "r.csv"), config()))
                .isInstanceOfSatisfying(LaunchException.class, e -> {
                    assertThat(e.acknowledged()).isEqualTo(100);
                    assertThat(e.published()).isBetween(101L, 1000L);
                    assertThat(e.rowsRead()).isGreaterThanOrEqualTo(e.published());
                    assertThat(e.getMessage()).contains("spring-sale").contains("100 acknowledged").contains("TimeoutException");
                });
    }

    @Test
    void failsWithinTheConfiguredBoundWhenTheBrokerIsUnreachable() {
        write(dir.resolve("r.csv"), "email,first_name\na@example.com,A\n");
        LaunchConfig config = LaunchConfig.of("localhost:1", registry)
                .withRejectsFile(dir.resolve("rejects.csv"))
                .withTuning(ProducerTuning.DEFAULTS.withTimeouts(Duration.ofMillis(1500), Duration.ofMillis(3000),
                        Duration.ofMillis(1000)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (CampaignLauncher launcher = CampaignLauncher.connect(config, CLOCK, Progress.NONE)) {
                launcher.launch(campaign(dir, "r.csv"));
            }
        }).isInstanceOfSatisfying(LaunchException.class, e -> {
            // the first contact of a launch is the read of the fleet's shard map, bounded by max.block.ms
            assertThat(e.getMessage()).contains("could not read the fleet's shard map").contains("localhost:1")
                    .contains("within 1500 ms");
            assertThat(e.rowsRead()).isZero();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void failsBeforePublishingWhenTheSchemaRegistryIsUnreachable() {
        write(dir.resolve("r.csv"), "email,first_name\na@example.com,A\n");
        LaunchConfig config = LaunchConfig.of("localhost:9092", "http://localhost:1").withRejectsFile(dir.resolve("rej.csv"));
        MockProducer<String, byte[]> producer = mockProducer();

        assertThatThrownBy(() -> {
            try (CampaignLauncher launcher = CampaignLauncher.using(producer, config.cluster().registry().connect(),
                    config, CLOCK, Progress.NONE)) {
                launcher.launch(campaign(dir, "r.csv"));
            }
        }).isInstanceOfSatisfying(LaunchException.class,
                e -> assertThat(e.getMessage()).contains("schema registry http://localhost:1"));
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void summaryHasAJsonForm() {
        LaunchSummary summary = LaunchSummary.of("c1", 1, 10, 8, 8, 1, 1, 2000, Path.of("/tmp/c1.rejects.csv"));

        assertThat(summary.eventsPerSecond()).isEqualTo(4.0);
        assertThat(summary.toJson()).isEqualTo("{\"campaignId\":\"c1\",\"version\":1,\"rowsRead\":10,\"published\":8,"
                + "\"uniqueRecipients\":8,\"rejected\":1,\"duplicates\":1,\"suppressed\":0,\"seconds\":2.0,\"eventsPerSecond\":4.0,\"rejectsFile\":\"/tmp/c1.rejects.csv\",\"continued\":false}");
        assertThat(summary.describe().toLowerCase(Locale.ROOT)).contains("8 published");
    }

    /** Acknowledges the first {@code n - 1} sends, then fails every send as an expired batch would. */
    private static final class FailingAfter extends MockProducer<String, byte[]> {
        private final int n;
        private int sends;

        FailingAfter(int n) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.n = n;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (++sends <= n) {
                return super.send(record, callback);
            }
            TimeoutException e = new TimeoutException("Expiring 1 record(s) for mail.outbound-0: 120000 ms has passed");
            if (callback != null) {
                callback.onCompletion(null, e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }
}
