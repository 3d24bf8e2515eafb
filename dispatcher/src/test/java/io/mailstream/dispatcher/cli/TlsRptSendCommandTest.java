package io.mailstream.dispatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option checks of {@code mailstream tlsrpt send}, before any client is made; the sending itself: {@code MtaStsDeliveryIT}. */
class TlsRptSendCommandTest {
    private final StringWriter err = new StringWriter();
    private final CommandLine cli = new CommandLine(new TlsRptCommand()).setErr(new PrintWriter(err));

    private int send(String... extra) {
        String[] base = {"send", "--organization", "Acme", "--contact", "mailto:tls@acme.example", "--submitter", "acme.example"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli.execute(args);
    }

    @Test
    void todayShouldBeRefusedAsNotOverYet() {
        assertThat(send("--day", LocalDate.now(ZoneOffset.UTC).toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not over yet");
    }

    @Test
    void aDayThatIsNotADateShouldExitWith2() {
        assertThat(send("--day", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--day must be YYYY-MM-DD");
    }

    @Test
    void aBlankOrganizationShouldExitWith2NamingTheKey() {
        assertThat(cli.execute("send", "--organization", " ", "--contact", "mailto:x@y.example", "--submitter", "acme.example"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("tls-rpt.organization");
    }

    @Test
    void theSubmitterShouldBeRequired() {
        assertThat(cli.execute("send", "--organization", "Acme", "--contact", "mailto:x@y.example")).isEqualTo(2);
        assertThat(err.toString()).contains("--submitter");
    }
}
