package io.mailstream.embedded.kafka.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.embedded.kafka.EmbeddedKafkaException;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.Test;

class ExitGuardTest {
    @Test
    void kafkaExitAndHaltShouldThrowInsteadOfEndingTheJvm() {
        ExitGuard.acquire();
        try {
            assertThatThrownBy(() -> Exit.exit(1, "fatal"))
                    .isInstanceOf(EmbeddedKafkaException.class).hasMessageContaining("exit").hasMessageContaining("fatal");
            assertThatThrownBy(() -> Exit.halt(2))
                    .isInstanceOf(EmbeddedKafkaException.class).hasMessageContaining("halt").hasMessageContaining("2");
        } finally {
            ExitGuard.release();
        }
    }
}
