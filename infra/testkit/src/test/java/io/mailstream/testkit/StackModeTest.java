package io.mailstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackModeTest {
    @Test
    void parseShouldDefaultToAutoAndIgnoreCase() {
        assertThat(StackMode.parse(null)).isEqualTo(StackMode.AUTO);
        assertThat(StackMode.parse(" Embedded ")).isEqualTo(StackMode.EMBEDDED);
        assertThat(StackMode.parse("containers")).isEqualTo(StackMode.CONTAINERS);
    }

    @Test
    void parseShouldRefuseUnknownModesNamingTheProperty() {
        assertThatThrownBy(() -> StackMode.parse("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailstream.stack").hasMessageContaining("docker");
    }
}
