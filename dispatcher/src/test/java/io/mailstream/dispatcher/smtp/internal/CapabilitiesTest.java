package io.mailstream.dispatcher.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void fromEhloShouldReadKeywordsCaseInsensitivelyAndSkipTheGreetingLine() {
        Capabilities caps = Capabilities.fromEhlo(new Reply(250,
                List.of("mx.example says PIPELINING hello", "pipelining", "SIZE 1000000", "STARTTLS")));

        assertThat(caps.pipelining()).isTrue();
        assertThat(caps.size()).isTrue();
        assertThat(caps.startTls()).isTrue();
        assertThat(caps.supports("CHUNKING")).isFalse();
    }

    @Test
    void aGreetingLineMentioningPipeliningShouldNotCountAsTheKeyword() {
        Capabilities caps = Capabilities.fromEhlo(new Reply(250, List.of("PIPELINING", "8BITMIME")));

        assertThat(caps.pipelining()).isFalse();
    }

    @Test
    void authMechanismsShouldIncludeTheOldAuthEqualsSyntax() {
        Capabilities caps = Capabilities.fromEhlo(new Reply(250, List.of("mx", "AUTH login PLAIN", "AUTH=LOGIN")));

        assertThat(caps.authMechanisms()).containsExactlyInAnyOrder("LOGIN", "PLAIN");
    }

    @Test
    void noneShouldOfferNothing() {
        assertThat(Capabilities.none().pipelining()).isFalse();
        assertThat(Capabilities.none().authMechanisms()).isEmpty();
    }
}
