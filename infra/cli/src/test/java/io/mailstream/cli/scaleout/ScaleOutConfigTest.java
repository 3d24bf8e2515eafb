package io.mailstream.cli.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleOutConfigTest {
    private static ScaleOutConfig config(int messages, int brokers, int dispatchers) {
        return new ScaleOutConfig(messages, 12, 48, brokers, dispatchers, Duration.ofSeconds(5), Duration.ofMinutes(30),
                ScaleOutConfig.KAFKA_DEFAULT_SESSION_TIMEOUT, Path.of("work"), Optional.empty());
    }

    @Test
    void eachPhaseShouldTakeItsShareOfTheCampaign() {
        ScaleOutConfig c = config(20_000, 3, 3);

        assertThat(c.phaseEnd(0)).isEqualTo(4_000);
        assertThat(c.phaseEnd(4_500)).isEqualTo(8_500);
    }

    @Test
    void aPhaseShouldEndWithTheFirstPartAndLeaveTheLastPartForTheKill() {
        ScaleOutConfig c = config(20_000, 3, 3);

        assertThat(c.lastPartSize()).isEqualTo(4_000);
        assertThat(c.phaseEnd(14_000)).isEqualTo(16_000);
        assertThat(c.phaseEnd(16_000)).as("first part done: ends at once").isEqualTo(16_000);
    }

    @Test
    void aSingleDispatcherOrBrokerShouldBeRefusedBecauseOneIsKilled() {
        assertThatThrownBy(() -> config(20_000, 3, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dispatchers");
        assertThatThrownBy(() -> config(20_000, 1, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brokers");
    }

    @Test
    void aSessionShorterThanTheBrokersMinimumShouldBeRefused() {
        assertThatThrownBy(() -> new ScaleOutConfig(20_000, 12, 48, 3, 3, Duration.ofSeconds(5), Duration.ofMinutes(30),
                Duration.ofSeconds(5), Path.of("work"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionTimeout").hasMessageContaining("PT6S");
    }
}
