package io.mailstream.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: schemas, telemetry ← producer, dispatcher, bounce-processor, tracking ← infra.
 * The services talk through topics only, never through each other's classes; telemetry (the
 * ops-endpoint contract) and schemas know nothing of each other. This test sees every
 * module's classes (the launcher depends on all of them), so it is where the rule is enforced.
 */
class ModuleDependencyRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mailstream");
    }

    @Test
    void everyModuleShouldBeOnTheClasspathOfThisTest() {
        // An empty import would make every rule below pass vacuously.
        for (String pkg : new String[] {"io.mailstream.schemas", "io.mailstream.telemetry", "io.mailstream.producer",
                "io.mailstream.dispatcher", "io.mailstream.bounces", "io.mailstream.tracking", "io.mailstream.embedded", "io.mailstream.console", "io.mailstream.cli",
                "io.mailstream.webhooks"}) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void schemasShouldDependOnNoOtherModule() {
        noClasses().that().resideInAnyPackage("io.mailstream.schemas..", "io.mailstream.avro..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.telemetry..", "io.mailstream.producer..", "io.mailstream.dispatcher..",
                        "io.mailstream.bounces..", "io.mailstream.embedded..", "io.mailstream.testkit..", "io.mailstream.cli..", "io.mailstream.webhooks..", "io.mailstream.tracking..")
                .check(classes);
    }

    @Test
    void trackingShouldNotUseOtherServicesOrInfra() {
        noClasses().that().resideInAPackage("io.mailstream.tracking..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.producer..", "io.mailstream.dispatcher..", "io.mailstream.bounces..",
                        "io.mailstream.console..", "io.mailstream.embedded..", "io.mailstream.cli..", "io.mailstream.webhooks..")
                .check(classes);
    }

    @Test
    void telemetryShouldDependOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.mailstream.telemetry..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.schemas..", "io.mailstream.avro..", "io.mailstream.producer..",
                        "io.mailstream.dispatcher..", "io.mailstream.bounces..", "io.mailstream.embedded..",
                        "io.mailstream.testkit..", "io.mailstream.cli..", "io.mailstream.webhooks..")
                .check(classes);
    }

    @Test
    void producerShouldNotUseOtherServicesOrInfra() {
        noClasses().that().resideInAPackage("io.mailstream.producer..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.dispatcher..", "io.mailstream.bounces..", "io.mailstream.embedded..",
                        "io.mailstream.cli..", "io.mailstream.webhooks..", "io.mailstream.tracking..")
                .check(classes);
    }

    @Test
    void dispatcherShouldNotUseOtherServicesOrInfra() {
        noClasses().that().resideInAPackage("io.mailstream.dispatcher..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.producer..", "io.mailstream.bounces..", "io.mailstream.embedded..",
                        "io.mailstream.cli..", "io.mailstream.webhooks..", "io.mailstream.tracking..")
                .check(classes);
    }

    @Test
    void webhooksShouldNotUseOtherServicesOrInfra() {
        noClasses().that().resideInAPackage("io.mailstream.webhooks..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.producer..", "io.mailstream.dispatcher..", "io.mailstream.bounces..",
                        "io.mailstream.embedded..", "io.mailstream.cli..", "io.mailstream.tracking..")
                .check(classes);
    }

    @Test
    void bounceProcessorShouldNotUseOtherServicesOrInfra() {
        noClasses().that().resideInAPackage("io.mailstream.bounces..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.producer..", "io.mailstream.dispatcher..", "io.mailstream.embedded..",
                        "io.mailstream.cli..", "io.mailstream.webhooks..", "io.mailstream.tracking..")
                .check(classes);
    }

    @Test
    void consoleShouldReadTopicsAndBeHandedTheRest() {
        // DESIGN.md: the console changes campaign state through the topic contract; the launcher hands it
        // the CLI's state changer and the bounce processor's tally behind the console's own interfaces
        noClasses().that().resideInAPackage("io.mailstream.console..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.producer..", "io.mailstream.dispatcher..", "io.mailstream.bounces..",
                        "io.mailstream.tracking..", "io.mailstream.embedded..", "io.mailstream.cli..")
                .check(classes);
    }

    @Test
    void embeddedStackShouldNotKnowTheServices() {
        noClasses().that().resideInAPackage("io.mailstream.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailstream.producer..", "io.mailstream.dispatcher..", "io.mailstream.bounces..",
                        "io.mailstream.cli..", "io.mailstream.webhooks..")
                .check(classes);
    }
}
