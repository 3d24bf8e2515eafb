package io.mailstream.dispatcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MailDateFormat;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class DateHeaderTest {
    private final DateHeader header = new DateHeader();

    @Test
    void formatShouldWriteWhatJakartaMailWritesForTheSameSecond() {
        Instant now = Instant.parse("2026-11-23T17:45:12.345Z");

        assertThat(header.format(now)).isEqualTo(new MailDateFormat().format(Date.from(Instant.parse("2026-11-23T17:45:12Z"))));
    }

    @Test
    void formatShouldChangeWhenTheSecondChanges() {
        Instant now = Instant.parse("2026-11-23T17:45:12.999Z");

        String first = header.format(now);

        assertThat(header.format(now.plusMillis(1))).isNotEqualTo(first)
                .isEqualTo(new MailDateFormat().format(Date.from(Instant.parse("2026-11-23T17:45:13Z"))));
        assertThat(header.format(now)).isEqualTo(first);
    }
}
