package io.mailstream.bounces.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoftBounceHistoryTest {

    @Test
    void plusShouldDropBouncesOutsideTheWindowAndKeepTheRestInOrder() {
        SoftBounceHistory h = SoftBounceHistory.empty().plus(100, 0).plus(50, 0).plus(300, 0);

        assertThat(h.atMillis()).containsExactly(50L, 100L, 300L);
        assertThat(h.plus(400, 100).atMillis()).containsExactly(300L, 400L);
    }

    @Test
    void aBounceOlderThanTheWindowShouldNotCount() {
        assertThat(new SoftBounceHistory(List.of()).plus(10, 20).count()).isZero();
    }
}
