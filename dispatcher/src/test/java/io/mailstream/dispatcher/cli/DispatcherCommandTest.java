package io.mailstream.dispatcher.cli;

import io.mailstream.dispatcher.support.VerpKeyFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DispatcherCommandTest {

    @Test
    void invalidOptionShouldExitWith2NamingTheKey() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--smtp-port", "70000");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("smtp.port");
    }

    @Test
    void zeroWorkersShouldExitWith2NamingTheKey() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--workers", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("delivery.workers");
    }

    @Test
    void outOfRangeTransactionalReservesShouldExitWith2NamingTheirKeys() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err));

        int workers = cli.execute("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(),
                "--transactional-workers", "-1");
        int connections = cli.execute("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(),
                "--transactional-connections", "101");

        assertThat(workers).isEqualTo(2);
        assertThat(connections).isEqualTo(2);
        assertThat(err.toString()).contains("lane.transactional.workers").contains("pool.transactional-connections");
    }

    @Test
    void negativeLedgerLookbackShouldExitWith2NamingTheKey() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--ledger-lookback", "-PT1M");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("ledger.lookback");
    }

    @Test
    void aMissingKeyFileShouldExitWith2NamingItBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bounce-domain", "bounce.example.com", "--verp-keys", "/nonexistent/verp.keys");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("/nonexistent/verp.keys");
    }

    @Test
    void aZeroTlsRptFlushIntervalShouldExitWith2NamingTheKey() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--tls-rpt",
                "--tls-rpt-flush-interval", "PT0S");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("tls-rpt.flush-interval");
    }

    @Test
    void bounceDomainShouldBeRequired() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err));

        assertThat(cli.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("--bounce-domain");
    }
}
