package io.mailstream.dispatcher.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.outcome.SmtpReply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlowDownSignalsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "421|4.7.0 Try again later, closing connection|true",
            "421|Service not available|true",
            "450|4.7.1 Client host rejected: too many connections|true",
            "451|4.7.1 Please retry later|true",
            "451|4.3.0 Temporary local problem|false",
            "450|4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages|false",
            "452|4.5.3 Too many messages in this session|true",
            "451|Rate limited, slow down|true",
            "550|5.7.1 rate limited permanently|false",
            "250|2.0.0 try again later is just text|false"})
    void shouldRecogniseSlowDownReplies(int code, String text, boolean slowDown) {
        assertThat(SlowDownSignals.isSlowDown(SmtpReply.of(code, text))).isEqualTo(slowDown);
    }
}
