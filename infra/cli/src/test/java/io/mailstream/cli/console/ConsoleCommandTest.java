package io.mailstream.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConsoleCommandTest {
    @Test
    void aGuardWindowShorterThanTheGuardAcceptsShouldFailAtStartNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ConsoleCommand()).setErr(new PrintWriter(err));

        int exit = cli.execute("--guard-window", "PT10S");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--guard-window must be at least PT1M, was PT10S");
    }
}
