package io.mailstream.bounces.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopologyConfigTest {

    @Test
    void defaultsShouldBeThreeSoftBouncesInSevenDaysSuppressingForThirtyDays() {
        TopologyConfig c = TopologyConfig.defaults();

        assertThat(c.softBounceThreshold()).isEqualTo(3);
        assertThat(c.softBounceWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(c.softBounceSuppression()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void invalidValuesShouldFailNamingTheKey() {
        assertThatThrownBy(() -> new TopologyConfig(0, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1)))
                .isInstanceOf(BounceConfigException.class).hasMessageStartingWith("softBounceThreshold");
        assertThatThrownBy(() -> new TopologyConfig(3, Duration.ZERO, Duration.ofDays(30), Duration.ofMinutes(1)))
                .isInstanceOf(BounceConfigException.class).hasMessageStartingWith("softBounceWindow");
        assertThatThrownBy(() -> new TopologyConfig(3, Duration.ofDays(7), null, Duration.ofMinutes(1)))
                .isInstanceOf(BounceConfigException.class).hasMessageStartingWith("softBounceSuppression");
    }
}
