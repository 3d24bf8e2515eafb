package io.mailstream.bounces.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.bounces.mailbox.AfterIngest;
import io.mailstream.bounces.mailbox.MailboxConfig;
import io.mailstream.bounces.mailbox.MailboxTls;
import io.mailstream.bounces.topology.BounceConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of {@code bounces imap} / {@code pop3} become a validated {@link MailboxConfig}. */
class MailboxCommandTest {
    private static MailboxConfig parse(MailboxCommand command, Map<String, String> env, String... args) {
        new CommandLine(command).parseArgs(args);
        command.env = env;
        return command.config();
    }

    @Test
    void imapOptionsShouldBecomeTheConfigWithThePortOfTheTlsChoice() {
        MailboxConfig c = parse(new BounceImapCommand(), Map.of("MAILSTREAM_MAILBOX_PASSWORD", "pw"), "--host", "imap.example.com",
                "--user", "bounces", "--bounce-domain", "bounce.example.com", "--tls", "starttls", "--after", "move",
                "--processed-folder", "Done", "--folder", "Bounces", "--poll-interval", "PT5M");

        assertThat(c.port()).isEqualTo(143);
        assertThat(c.tls()).isEqualTo(MailboxTls.STARTTLS);
        assertThat(c.after()).isEqualTo(AfterIngest.MOVE);
        assertThat(c.processedFolder()).isEqualTo("Done");
        assertThat(c.folder()).isEqualTo("Bounces");
        assertThat(c.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.source()).isEqualTo("imap:bounces@imap.example.com/Bounces");
    }

    @Test
    void pop3ShouldDefaultToImplicitTlsOn995AndNeedAPassword() {
        MailboxConfig c = parse(new BouncePop3Command(), Map.of("MAILSTREAM_MAILBOX_PASSWORD", "pw"), "--host", "pop.example.com",
                "--user", "bounces", "--bounce-domain", "bounce.example.com");

        assertThat(c.port()).isEqualTo(995);
        assertThat(c.after()).isEqualTo(AfterIngest.DELETE);
        assertThatThrownBy(() -> parse(new BouncePop3Command(), Map.of(), "--host", "pop.example.com", "--user", "bounces",
                "--bounce-domain", "bounce.example.com"))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("MAILSTREAM_MAILBOX_PASSWORD");
        assertThatThrownBy(() -> new CommandLine(new BouncePop3Command()).parseArgs("--host", "h", "--user", "u",
                "--bounce-domain", "d.example", "--password", "secret"))
                .as("no password on the command line").isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }
}
