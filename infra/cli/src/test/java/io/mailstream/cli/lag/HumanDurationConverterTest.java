package io.mailstream.cli.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class HumanDurationConverterTest {
    @Test
    void shortFormsAndIsoShouldBeRead() {
        assertThat(HumanDurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(HumanDurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(HumanDurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HumanDurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(HumanDurationConverter.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void zeroAndGarbageShouldBeRefused() {
        assertThatThrownBy(() -> HumanDurationConverter.parse("0s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> HumanDurationConverter.parse("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("not a duration");
    }
}
