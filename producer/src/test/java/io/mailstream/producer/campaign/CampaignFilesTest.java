package io.mailstream.producer.campaign;

import static io.mailstream.producer.testsupport.CampaignFixtures.campaign;
import static io.mailstream.producer.testsupport.CampaignFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import io.mailstream.producer.recipients.RecipientFormat;
import io.mailstream.schemas.address.Domain;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignFilesTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheWelcomeExample() {
        CampaignDefinition def = CampaignFiles.load(Path.of("../examples/welcome/campaign.yaml"));

        assertThat(def.id()).isEqualTo("welcome-2026-01");
        assertThat(def.version()).isEqualTo(1);
        assertThat(def.sender().address().asString()).isEqualTo("hello@example.com");
        assertThat(def.sender().name()).contains("The Mailstream Team");
        assertThat(def.templates().html()).isPresent();
        assertThat(def.templates().text()).isPresent();
        assertThat(def.recipients().path()).endsWith(Path.of("examples", "welcome", "recipients.csv"));
        assertThat(def.recipients().format()).isEqualTo(RecipientFormat.CSV);
        assertThat(def.shards().shards()).as("the example leaves shards to the fleet's shard map (mail.shard-map)").isEmpty();
    }

    @Test
    void resolvesRecipientsAgainstTheCampaignFolderAndAcceptsAnOverride() {
        write(dir.resolve("lists/a.csv"), "email,first_name\na@example.com,A\n");
        Path other = write(dir.resolve("elsewhere/b.jsonl"), "{\"email\":\"b@example.com\"}\n");
        Path file = campaign(dir, "lists/a.csv");

        assertThat(CampaignFiles.load(file).recipients().path()).isEqualTo(dir.resolve("lists/a.csv").toAbsolutePath());
        CampaignDefinition overridden = CampaignFiles.load(file, Optional.of(other));
        assertThat(overridden.recipients().path()).isEqualTo(other.toAbsolutePath());
        assertThat(overridden.recipients().format()).isEqualTo(RecipientFormat.JSONL);
    }

    @Test
    void aCampaignShouldNameItsListWhichGoesIntoItsRecord() {
        write(dir.resolve("r.csv"), "email\n");
        Path file = write(dir.resolve("list.yaml"), """
                id: news-2026-03
                list: newsletter
                sender:
                  address: news@example.com
                subject: Hello
                text: Hi
                recipients:
                  path: r.csv
                """);

        CampaignDefinition def = CampaignFiles.load(file);

        assertThat(def.listId()).contains("newsletter");
        assertThat(io.mailstream.producer.launch.CampaignRecords.campaign(def, io.mailstream.avro.CampaignState.SENDING,
                java.time.Instant.EPOCH).getListId()).isEqualTo("newsletter");
        assertThat(CampaignFiles.load(Path.of("../examples/welcome/campaign.yaml")).listId()).as("no list").isEmpty();
    }

    @Test
    void aCampaignShouldBelongToItsTenantWhichGoesIntoItsRecordAndMessages() {
        Path file = minimalCampaign("tenant", "tenant: acme");

        CampaignDefinition def = CampaignFiles.load(file);

        assertThat(def.tenant()).isEqualTo(io.mailstream.schemas.ids.TenantId.of("acme"));
        assertThat(io.mailstream.producer.launch.CampaignRecords.campaign(def, io.mailstream.avro.CampaignState.SENDING,
                java.time.Instant.EPOCH).getTenant()).isEqualTo("acme");
        assertThat(CampaignFiles.load(Path.of("../examples/welcome/campaign.yaml")).tenant()).as("no tenant")
                .isEqualTo(io.mailstream.schemas.ids.TenantId.DEFAULT);
    }

    @Test
    void aCampaignsPriorityShouldGoIntoEachOfItsMessagesSoDispatchersServeItFirst() {
        Path file = minimalCampaign("urgent", "priority: 7");

        CampaignDefinition def = CampaignFiles.load(file);

        assertThat(def.priority()).isEqualTo(7);
        var recipient = new io.mailstream.producer.recipients.RowOutcome.Valid(2,
                io.mailstream.schemas.address.EmailAddress.parse("ann@example.com"), java.util.Map.of());
        assertThat(io.mailstream.producer.launch.CampaignRecords.message(def, recipient, "m1", java.time.Instant.EPOCH)
                .getPriority()).isEqualTo(7);
        assertThat(CampaignFiles.load(Path.of("../examples/welcome/campaign.yaml")).priority()).as("no priority").isZero();
    }

    @Test
    void trackingShouldDefaultToClicksOnOpensOffAndFollowTheFileIntoTheCampaignRecord() {
        assertThat(CampaignFiles.load(minimalCampaign("plain", "")).tracking()).isEqualTo(CampaignTracking.DEFAULT);
        CampaignDefinition def = CampaignFiles.load(minimalCampaign("tracked", "tracking: {clicks: false, opens: true}"));

        assertThat(def.tracking()).isEqualTo(new CampaignTracking(false, true));
        io.mailstream.avro.Campaign record = io.mailstream.producer.launch.CampaignRecords.campaign(def,
                io.mailstream.avro.CampaignState.SENDING, java.time.Instant.EPOCH);
        assertThat(record.getClickTracking()).isFalse();
        assertThat(record.getOpenTracking()).isTrue();
    }

    @Test
    void aTrackingFlagThatIsNotABooleanOrUnknownShouldBeRefusedWithTheFix() {
        assertThatThrownBy(() -> CampaignFiles.load(minimalCampaign("badtracking", "tracking: {clicks: sometimes, pixels: true}")))
                .isInstanceOf(CampaignFileException.class)
                .hasMessageContaining("tracking.clicks").hasMessageContaining("true or false").hasMessageContaining("pixels");
    }

    @Test
    void aPriorityOutsideMinus9To9ShouldBeRefusedWithTheFix() {
        Path file = minimalCampaign("loud", "priority: 50");

        assertThatThrownBy(() -> CampaignFiles.load(file)).isInstanceOf(CampaignFileException.class)
                .hasMessageContaining("priority").hasMessageContaining("from -9 to 9");
    }

    @Test
    void aTenantThatIsNotAnIdShouldBeRefusedWithTheFix() {
        Path file = minimalCampaign("badtenant", "tenant: \"acme corp\"");

        assertThatThrownBy(() -> CampaignFiles.load(file)).isInstanceOf(CampaignFileException.class)
                .hasMessageContaining("tenant").hasMessageContaining("not a valid tenant id");
    }

    @Test
    void aListIdThatIsNotAnIdShouldBeRefusedWithTheFix() {
        write(dir.resolve("r.csv"), "email\n");
        Path file = write(dir.resolve("badlist.yaml"), """
                id: news-2026-03
                list: "news letter"
                sender:
                  address: news@example.com
                subject: Hello
                text: Hi
                recipients:
                  path: r.csv
                """);

        assertThatThrownBy(() -> CampaignFiles.load(file)).isInstanceOf(CampaignFileException.class)
                .hasMessageContaining("list").hasMessageContaining("not a valid list id");
    }

    @Test
    void listsEveryProblemWithItsLineAndField() {
        write(dir.resolve("r.csv"), "email,first_name\n");
        Path file = write(dir.resolve("bad.yaml"), """
                id: "no spaces allowed"
                sender:
                  address: not-an-address
                subjct: typo
                subject: "Hi {{first_name"
                text: "Hello"
                version: 0
                headers:
                  From: someone@example.com
                listUnsubscribe: "ftp://example.com/{{messageId}}"
                recipients: r.csv
                shards:
                  gmail.com: 0
                """);

        assertThatThrownBy(() -> CampaignFiles.load(file))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> {
                    List<Problem> problems = e.problems();
                    assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder(
                            "subjct", "id", "version", "sender.address", "subject", "headers.From",
                            "listUnsubscribe", "shards.gmail.com");
                    assertThat(problems).filteredOn(p -> p.field().equals("sender.address"))
                            .singleElement().satisfies(p -> {
                                assertThat(p.line()).isEqualTo(3);
                                assertThat(p.message()).contains("not-an-address");
                                assertThat(p.fix()).isNotBlank();
                            });
                    assertThat(problems).filteredOn(p -> p.field().equals("subjct"))
                            .singleElement().extracting(Problem::line).isEqualTo(4);
                    assertThat(e.getMessage()).contains("bad.yaml:3: sender.address");
                });
    }

    @Test
    void refusesLineBreaksInHeadersSenderReplyToAndSubject() {
        write(dir.resolve("r.csv"), "email\n");
        Path file = write(dir.resolve("crlf.yaml"), """
                id: crlf
                sender:
                  name: "Evil\\r\\nBcc: victim@example.com"
                  address: news@example.com
                replyTo: "help@example.com\\r\\nBcc: x@example.com"
                subject: "Hello\\r\\nBcc: victim@example.com"
                text: "body"
                headers:
                  X-Tag: "a\\nInjected: yes"
                recipients: r.csv
                """);

        assertThatThrownBy(() -> CampaignFiles.load(file))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactlyInAnyOrder("sender.name", "replyTo", "subject", "headers.X-Tag"));
    }

    @Test
    void refusesARecipientListWithoutEmailColumn() {
        write(dir.resolve("r.csv"), "mail,first_name\na@example.com,A\n");
        Path file = campaign(dir, "r.csv");

        assertThatThrownBy(() -> CampaignFiles.load(file))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.field()).isEqualTo("recipients.path");
                            assertThat(p.message()).contains("no email column");
                        }));
    }

    @Test
    void refusesTemplateVariablesThatNoColumnProvides() {
        write(dir.resolve("r.csv"), "email,firstname\na@example.com,A\n");
        Path file = campaign(dir, "r.csv");

        assertThatThrownBy(() -> CampaignFiles.load(file))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> assertThat(e.problems())
                        .extracting(Problem::message)
                        .anySatisfy(m -> assertThat(m).contains("{{first_name}}")));
    }

    @Test
    void refusesAMissingRecipientFileAndMissingRequiredFields() {
        Path file = write(dir.resolve("c.yaml"), "id: x\nrecipients: nowhere.csv\n");

        assertThatThrownBy(() -> CampaignFiles.load(file))
                .isInstanceOf(CampaignFileException.class)
                .extracting(e -> ((CampaignFileException) e).problems(), list(Problem.class))
                .extracting(Problem::field)
                .contains("sender", "subject", "html", "recipients.path");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        Path file = write(dir.resolve("c.yaml"), "id: x\nsubject: [unclosed\n");

        assertThatThrownBy(() -> CampaignFiles.load(file))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid YAML")));
    }

    /** A valid campaign file with one extra top-level line ({@code extra}), its recipients an empty list. */
    private Path minimalCampaign(String name, String extra) {
        write(dir.resolve("r.csv"), "email\n");
        return write(dir.resolve(name + ".yaml"), """
                id: c-1
                %s
                sender:
                  address: no-reply@example.com
                subject: S
                text: Hi
                recipients:
                  path: r.csv
                """.formatted(extra));
    }
}
