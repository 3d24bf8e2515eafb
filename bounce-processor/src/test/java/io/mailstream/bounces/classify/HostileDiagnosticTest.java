package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A forged or broken bounce must not stall the processor: the phrase patterns run on text a stranger
 * wrote, so none may try exponentially many ways to match. The bound is a liveness guard (a partition
 * stalled for minutes), not a speed target; a healthy classification of this text takes milliseconds.
 */
class HostileDiagnosticTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    @Test
    void aLongLineOfAddressesThatEndsInNoMatchShouldBeClassifiedWithoutRunawayBacktracking() {
        // each "user <address>" can start the user-unknown pattern, and its address can be read as one word or
        // character by character; the line ends in words that look like, but are not, its closing words
        String text = "550 " + IntStream.range(0, 150).mapToObj(i -> "user a" + i + "@b" + i + ".ex-am-ple-org")
                .collect(Collectors.joining(" ")) + " invalidx unknownx";
        Classification c = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> classifier.classify(
                Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.0.0"), OptionalInt.of(550), text, text));
        assertThat(c.reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.hard()).isFalse();
    }

    @Test
    void aLongForgedLineOfTheMailingToolWordingsAnchorsShouldClassifyInMilliseconds() {
        // every anchor of MailingToolWording repeated without the closing words its patterns need, so each bounded
        // span ("relayed mail ... not allowed", "connect to ... connection refused", "no dns entries for ...") is
        // tried at every start and fails; 100 kB in all
        String unit = "relayed mail to x connect to y no dns entries for user is no longer on administrativ "
                + "recipient could not be foun attachment must resolv ";
        String text = "550 " + unit.repeat(100_000 / unit.length());
        long start = System.nanoTime();
        Classification c = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> classifier.classify(
                Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.0.0"), OptionalInt.of(550), text, text));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(c.hard()).isFalse();
    }
}
