package io.mailstream.bounces.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The address a recipient failure is kept under ({@link FailureExtractor#normalize}): the suppression key of an address
 * mailstream can send to, and none for one it cannot parse, such as an internationalised local part a bounce names
 * (RFC 6531): mailstream sends to ASCII addresses only, so no delivery of ours failed there.
 */
class FailureAddressTest {

    @Test
    void anAddressMailstreamSendsToShouldBeKeptUnderItsSuppressionKey() {
        assertThat(FailureExtractor.normalize("Anne@Example.ORG", "k1")).contains("anne@example.org");
    }

    @Test
    void anAddressItCannotParseShouldBeIgnoredNotTruncatedOrThrown() {
        assertThat(FailureExtractor.normalize("jörg@example.org", "k2")).isEmpty();
        assertThat(FailureExtractor.normalize("no-at-sign", "k3")).isEmpty();
        assertThat(FailureExtractor.normalize(" ", "k4")).isEmpty();
    }
}
