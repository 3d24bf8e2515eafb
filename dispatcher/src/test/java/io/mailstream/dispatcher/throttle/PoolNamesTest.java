package io.mailstream.dispatcher.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.sending.SendingPool;
import io.mailstream.dispatcher.sending.SendingPools;
import io.mailstream.dispatcher.sending.SourceSelection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolNamesTest {
    private static SendingPool pool(String name, String ip) {
        return SendingPool.of(name, SourceSelection.ROUND_ROBIN, List.of(ip));
    }

    @Test
    void budgetsShouldFollowThePoolTheConnectionSideSendsFrom() {
        PoolNames names = PoolNames.of(new SendingPools(Map.of("default", pool("default", "192.0.2.10"),
                "transactional", pool("transactional", "192.0.2.20"), "warmup", pool("warmup", "192.0.2.30")),
                Map.of("spring-sale", "warmup")));

        assertThat(names.poolOf(Optional.of("spring-sale"))).isEqualTo("warmup");
        assertThat(names.poolOf(Optional.of("newsletter"))).isEqualTo("default");
        assertThat(names.poolOf(Optional.empty())).isEqualTo("transactional");
    }

    @Test
    void withoutPoolsEverythingSharesTheDefaultBudget() {
        PoolNames names = PoolNames.of(SendingPools.none());

        assertThat(names.poolOf(Optional.of("newsletter"))).isEqualTo("default");
        assertThat(names.poolOf(Optional.empty())).isEqualTo("default");
    }
}
