package io.mailstream.webhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WebhooksCommandTest {
    private static int run(WebhooksCommand command, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aBadKeyShouldStopTheServiceWithExit2NamingTheFileAndThePath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("webhooks.yaml");
        Files.writeString(f, """
                endpoints:
                  - name: crm
                    url: https://crm.example.com/h
                    keyId: k1
                    secretEnv: CRM_SECRET
                    retry: {giveUpAfter: 24 hours}
                """);
        WebhooksCommand command = new WebhooksCommand();
        command.env = Map.of("CRM_SECRET", "crm-secret-0123456789");
        StringWriter err = new StringWriter();
        assertThat(run(command, err, "--config", f.toString(), "--metrics-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains(f + ": endpoints[0].retry.giveUpAfter").contains("duration like");
    }

    @Test
    void aMissingSecretVariableShouldSayWhichToExport(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("webhooks.yaml");
        Files.writeString(f, "endpoints:\n  - {name: crm, url: 'https://crm.example.com/h', keyId: k1, secretEnv: CRM_SECRET}\n");
        WebhooksCommand command = new WebhooksCommand();
        command.env = Map.of();
        StringWriter err = new StringWriter();
        assertThat(run(command, err, "--config", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("endpoints[0].secretEnv").contains("$CRM_SECRET").contains("export it");
    }
}
