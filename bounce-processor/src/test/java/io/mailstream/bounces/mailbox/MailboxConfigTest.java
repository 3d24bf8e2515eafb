package io.mailstream.bounces.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.bounces.topology.BounceConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxConfigTest {
    private static final MailboxPassword PW = MailboxPassword.of("pw");

    @TempDir
    Path dir;

    @Test
    void pop3ShouldRefuseFlagAndMoveAndOtherFoldersNamingTheKey() {
        MailboxConfig pop3 = MailboxConfig.of(MailboxProtocol.POP3, "pop.example.com", 995, MailboxTls.IMPLICIT, "u", PW);

        assertThatThrownBy(() -> pop3.withAfter(AfterIngest.FLAG, null)).isInstanceOf(BounceConfigException.class)
                .hasMessageStartingWith("mailbox.after: POP3 has no flags");
        assertThatThrownBy(() -> pop3.withFolder("Bounces")).hasMessageStartingWith("mailbox.folder: POP3 has only INBOX");
    }

    @Test
    void moveShouldNeedAProcessedFolderOtherThanThePolledOne() {
        MailboxConfig imap = MailboxConfig.of(MailboxProtocol.IMAP, "imap.example.com", 993, MailboxTls.IMPLICIT, "u", PW);

        assertThatThrownBy(() -> imap.withAfter(AfterIngest.MOVE, "INBOX")).hasMessageStartingWith("mailbox.processedFolder:");
        assertThat(imap.withAfter(AfterIngest.MOVE, "Done").processedFolder()).isEqualTo("Done");
        assertThatThrownBy(() -> imap.withPollInterval(Duration.ZERO)).hasMessageStartingWith("mailbox.pollInterval:");
    }

    @Test
    void thePasswordShouldComeFromTheFileElseTheVariableAndNeverShowInToString() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\nignored\n");

        assertThat(MailboxPassword.load(Optional.of(file), "PW", Map.of("PW", "from-env")).reveal()).isEqualTo("from-file");
        assertThat(MailboxPassword.load(Optional.empty(), "PW", Map.of("PW", "from-env")).reveal()).isEqualTo("from-env");
        assertThat(MailboxPassword.of("secret").toString()).doesNotContain("secret");
        assertThat(MailboxConfig.of(MailboxProtocol.IMAP, "h", 993, MailboxTls.IMPLICIT, "u", MailboxPassword.of("secret")).toString())
                .doesNotContain("secret");
        assertThatThrownBy(() -> MailboxPassword.load(Optional.empty(), "PW", Map.of()))
                .hasMessage("mailbox.password: no password: give --password-file FILE or set $PW");
        assertThatThrownBy(() -> MailboxPassword.load(Optional.of(dir.resolve("missing")), "PW", Map.of()))
                .hasMessageStartingWith("mailbox.passwordFile: cannot read");
    }

    @Test
    void theDefaultPortsShouldFollowTheTlsChoice() {
        assertThat(MailboxProtocol.IMAP.defaultPort(MailboxTls.IMPLICIT)).isEqualTo(993);
        assertThat(MailboxProtocol.IMAP.defaultPort(MailboxTls.STARTTLS)).isEqualTo(143);
        assertThat(MailboxProtocol.POP3.defaultPort(MailboxTls.IMPLICIT)).isEqualTo(995);
        assertThat(MailboxProtocol.POP3.storeName(MailboxTls.IMPLICIT)).isEqualTo("pop3s");
    }
}
