package io.mailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import io.mailstream.cli.acl.AuthorizedOperations;
import io.mailstream.cli.acl.RefusalDiagnosis;
import io.mailstream.cli.acl.ServiceAcls;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's error handler diagnoses a refusal with the connection the failed command was given. */
class RefusalHintTest {
    @TempDir
    Path dir;

    @Test
    void theHintShouldUseTheFailedCommandsKafkaConfigAndBootstrapServers() throws Exception {
        Path file = Files.writeString(dir.resolve("campaigns.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="mailstream-campaigns" password="p";
                """);
        CommandLine.ParseResult parsed = Mailstream.commandLine()
                .parseArgs("topics", "--bootstrap-servers", "broker.example:9093", "--kafka-config", file.toString());

        var connection = CommandAssembly.clientConnection(parsed).orElseThrow();

        assertThat(connection.bootstrapServers()).isEqualTo("broker.example:9093");
        assertThat(connection.settings().origin()).contains(file);
        // the file's SASL user is the principal the diagnosis names (asking the cluster is SecureStackIT's part)
        ExecutionException fromProducer = new ExecutionException(new TopicAuthorizationException(java.util.Set.of("mail.outbound")));
        fromProducer.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.apache.kafka.clients.producer.internals.FutureRecordMetadata", "get", null, 1)});
        assertThat(new RefusalDiagnosis(ServiceAcls.defaults(), connection.settings(), AuthorizedOperations.unknown())
                .diagnose(fromProducer).orElseThrow().render())
                .startsWith("Kafka refused User:mailstream-campaigns WRITE on TOPIC mail.outbound.")
                .contains("--operation Write --topic mail.outbound");
    }

    @Test
    void aCommandWithoutKafkaOptionsShouldStillGetAConnectionFromTheDefaults() {
        CommandLine.ParseResult parsed = Mailstream.commandLine().parseArgs("topics");

        assertThat(CommandAssembly.clientConnection(parsed)).hasValueSatisfying(c -> assertThat(c.bootstrapServers()).isNotBlank());
    }
}
