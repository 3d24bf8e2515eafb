package io.mailstream.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.producer.launch.MxLookupSettings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mailstream launch --mx-lookup [--dns-resolver HOST[:PORT]] [--mx-lookup-timeout D]}. */
class LaunchMxOptionsTest {
    private static LaunchCommand parse(String... args) {
        LaunchCommand launch = new LaunchCommand();
        new CommandLine(launch).parseArgs(args);
        return launch;
    }

    @Test
    void mxLookupShouldBeOffUnlessAskedForAndCarryItsResolverAndTimeout() {
        assertThat(parse("campaign.yaml").mxLookupSettings()).isEmpty();
        assertThat(parse("campaign.yaml", "--mx-lookup").mxLookupSettings()).contains(MxLookupSettings.defaults());
        assertThat(parse("campaign.yaml", "--mx-lookup", "--dns-resolver", "127.0.0.1:5353", "--mx-lookup-timeout", "PT0.5S")
                .mxLookupSettings()).contains(new MxLookupSettings(Optional.of("127.0.0.1:5353"), Duration.ofMillis(500)));
    }

    @Test
    void aResolverWithoutMxLookupOrATimeoutOutOfRangeShouldBeRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("campaign.yaml", "--dns-resolver", "127.0.0.1").mxLookupSettings())
                .hasMessageContaining("--dns-resolver is only used with --mx-lookup");
        assertThatThrownBy(() -> parse("campaign.yaml", "--mx-lookup", "--mx-lookup-timeout", "PT1M").mxLookupSettings())
                .hasMessageContaining("--mx-lookup-timeout");
    }
}
