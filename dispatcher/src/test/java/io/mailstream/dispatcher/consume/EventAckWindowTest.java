package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.InvalidConfigException;
import org.junit.jupiter.api.Test;

class EventAckWindowTest {

    @Test
    void aNegativeOrTooLargeWindowShouldBeRefusedNamingItsSetting() {
        assertThatThrownBy(() -> new EventAckWindow(-1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("delivery.unacknowledged-events-per-worker").hasMessageContaining("-1");
        assertThatThrownBy(() -> new EventAckWindow(EventAckWindow.MAX + 1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("0.." + EventAckWindow.MAX);
    }

    @Test
    void theServiceDefaultShouldBeBoundedAndOnlyTheTestWindowUnbounded() {
        assertThat(EventAckWindow.defaults().isUnbounded()).isFalse();
        assertThat(EventAckWindow.defaults().unacknowledged()).isBetween(0, EventAckWindow.MAX);
        assertThat(EventAckWindow.awaitEach().unacknowledged()).isZero();
        assertThat(EventAckWindow.unbounded().isUnbounded()).isTrue();
    }
}
