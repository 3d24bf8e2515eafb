package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerSettingsTest {

    @Test
    void defaultsShouldReadBackHalfAMinuteBeforeTheCommitOrTenMinutes() {
        LedgerSettings d = LedgerSettings.defaults();

        assertThat(d.lookbackMargin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.lookback()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.readTimeout()).isLessThan(Duration.ofMinutes(5)); // max.poll.interval.ms
        assertThat(d.maxEntries()).isEqualTo(2_000_000);
    }

    @Test
    void invalidValuesShouldNameTheirKey() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new LedgerSettings(Duration.ofSeconds(-1), s, s, 1))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("ledger.lookback-margin"));
        assertThatThrownBy(() -> new LedgerSettings(s, null, s, 1))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("ledger.lookback"));
        assertThatThrownBy(() -> new LedgerSettings(s, s, Duration.ofMinutes(3), 1))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("ledger.read-timeout"));
        assertThatThrownBy(() -> new LedgerSettings(s, s, s, 0))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("ledger.max-entries"));
    }
}
