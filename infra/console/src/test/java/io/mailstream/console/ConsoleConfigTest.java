package io.mailstream.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {
    @Test
    void aConsoleBoundBeyondLoopbackShouldRequireAToken() {
        assertThatThrownBy(() -> new ConsoleConfig("0.0.0.0", 8088, Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(ConsoleConfigException.class).hasMessageContaining("--token").hasMessageContaining("0.0.0.0");
        assertThat(new ConsoleConfig("0.0.0.0", 8088, Optional.of("long-enough-token"), Optional.empty(), Optional.empty()).token())
                .contains("long-enough-token");
        assertThat(new ConsoleConfig("127.0.0.1", 8088, Optional.empty(), Optional.empty(), Optional.empty()).token()).isEmpty();
    }

    @Test
    void badValuesShouldBeRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> new ConsoleConfig("127.0.0.1", 70000, Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> new ConsoleConfig("127.0.0.1", 0, Optional.of("short"), Optional.empty(), Optional.empty()))
                .hasMessageContaining("--token");
        assertThatThrownBy(() -> new ConsoleConfig("127.0.0.1", 0, Optional.empty(), Optional.of(URI.create("ftp://x:1")), Optional.empty()))
                .hasMessageContaining("--suppressions-url");
    }
}
