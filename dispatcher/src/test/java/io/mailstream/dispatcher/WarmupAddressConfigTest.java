package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.config.PacingConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.sending.SendingPool;
import io.mailstream.dispatcher.sending.SendingPools;
import io.mailstream.dispatcher.sending.SourceSelection;
import io.mailstream.dispatcher.warmup.WarmupSchedule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code warmup.<name>.address} and {@code .overflow}: read from the pacing file, checked against the sending pools at start. */
class WarmupAddressConfigTest {
    private static final SendingPools POOLS = new SendingPools(Map.of("default",
            SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("192.0.2.10", "192.0.2.30"))), Map.of());

    private static PacingConfig parse(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of("warmup.new-ip.pool", "default", "warmup.new-ip.start", "2026-12-01",
                "warmup.new-ip.day.1", "200/20"));
        p.putAll(extra);
        return PacingProperties.parse(p);
    }

    @Test
    void anAddressWithOverflowShouldBeReadAndAcceptedWhenItIsThePools() {
        WarmupSchedule s = parse(Map.of("warmup.new-ip.address", "192.0.2.30", "warmup.new-ip.overflow", "true")).warmups().getFirst();
        assertThat(s.address()).contains("192.0.2.30");
        assertThat(s.overflow()).isTrue();
        PacingAssembly.requireScheduledAddressesInTheirPools(List.of(s), POOLS);
        assertThat(parse(Map.of()).warmups().getFirst().address()).as("the whole pool, as before").isEqualTo(Optional.empty());
    }

    @Test
    void badAddressSettingsShouldStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> parse(Map.of("warmup.new-ip.address", "mta30.example.com")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("warmup.new-ip.address");
        assertThatThrownBy(() -> parse(Map.of("warmup.new-ip.overflow", "true")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("warmup.new-ip.overflow").hasMessageContaining("address");
        assertThatThrownBy(() -> parse(Map.of("warmup.new-ip.address", "192.0.2.30", "warmup.new-ip.overflow", "yes")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("warmup.new-ip.overflow");
        WarmupSchedule elsewhere = parse(Map.of("warmup.new-ip.address", "192.0.2.99")).warmups().getFirst();
        assertThatThrownBy(() -> PacingAssembly.requireScheduledAddressesInTheirPools(List.of(elsewhere), POOLS))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("warmup.new-ip.address")
                .hasMessageContaining("192.0.2.10,192.0.2.30");
    }
}
