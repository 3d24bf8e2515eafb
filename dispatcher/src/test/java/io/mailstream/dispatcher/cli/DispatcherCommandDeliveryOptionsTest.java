package io.mailstream.dispatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DispatcherCommandDeliveryOptionsTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void implicitTlsWithoutRequiredShouldExitWith2NamingTheKey() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--smtp-implicit-tls")).isEqualTo(2);
        assertThat(err.toString()).contains("tls.implicit");
    }

    @Test
    void malformedDkimOptionShouldExitWith2NamingTheDomain() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--dkim", "acme.example=no-key-path")).isEqualTo(2);
        assertThat(err.toString()).contains("dkim.acme.example");
    }

    @Test
    void unknownDeliveryModeShouldBeRefused() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--delivery-mode", "CARRIER_PIGEON")).isEqualTo(2);
        assertThat(err.toString()).contains("--delivery-mode");
    }
}
