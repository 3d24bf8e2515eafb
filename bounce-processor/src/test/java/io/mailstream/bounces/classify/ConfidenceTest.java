package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.Confidence;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@link ConfidenceRule} through {@link ReasonClassifier}: hard only on evidence that the address is bad. */
class ConfidenceTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    @Test
    void userUnknownWithAnAddressStatusAndAUserUnknownTextShouldBeHardWithHighConfidence() {
        Classification c = classifier.classify(550, "5.1.1", "550 5.1.1 <a@example.org>: Recipient address rejected: User unknown");
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.hard()).isTrue();
        assertThat(c.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(c.provisionalHard()).isFalse();
        assertThat(c.evidence().describe()).contains("status=5.1.1", "reply=550", "phrase=userunknown");
    }

    @Test
    void userUnknownTextUnderAVagueStatusShouldBeAProvisionalHardBounce() {
        Classification c = classifier.classify(550, "5.0.0", "550 User unknown");
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.hard()).isTrue();
        assertThat(c.confidence()).isEqualTo(Confidence.LOW);
        assertThat(c.provisionalHard()).isTrue();
    }

    @Test
    void anAddressStatusAloneShouldBeMediumConfidence() {
        Classification c = classifier.classify(550, "5.1.1", "550 5.1.1 Requested action not taken");
        assertThat(c.hard()).isTrue();
        assertThat(c.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(c.provisionalHard()).isFalse();
    }

    @Test
    void hostUnknownWithNxdomainEvidenceShouldBeHighButAResolverFailureIsNotHard() {
        Classification nx = classifier.classify(550, "5.1.2",
                "Host or domain name not found. Name service error for name=example.invalid type=A: Host not found");
        assertThat(nx.reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(nx.confidence()).isEqualTo(Confidence.HIGH);

        Classification resolver = classifier.classify(451, "4.4.3",
                "Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again");
        assertThat(resolver.hard()).isFalse();
    }

    @Test
    void policyReputationAndMailboxDisabledShouldBeSoft() {
        assertThat(classifier.classify(550, "5.7.1", "550 5.7.1 Message rejected due to local policy").hard()).isFalse();
        assertThat(classifier.classify(421, "4.7.0", "421 4.7.0 IP reputation too low, try later").hard()).isFalse();
        assertThat(classifier.classify(550, "5.2.1", "550 5.2.1 mailbox disabled").hard()).isFalse();
    }

    @Test
    void agreeingStatusAndTextShouldMakeASoftReasonHighConfidence() {
        Classification c = classifier.classify(452, "4.2.2", "452 4.2.2 Mailbox full");
        assertThat(c.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(c.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(classifier.classify(550, null, "something odd happened").confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void aTransientAnswerOrADelayNoticeShouldNeverBeHardWhateverItsReason() {
        // the server said "try again": the directory may be unreachable or the address still being verified
        Classification transientStatus = classifier.classify(450, "4.1.1",
                "450 4.1.1 <a@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)");
        assertThat(transientStatus.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(transientStatus.hard()).isFalse();
        Classification transientReply = classifier.classify(450, null, "450 <a@example.org>: User unknown");
        assertThat(transientReply.hard()).isFalse();
        Classification hostTransient = classifier.classify(450, "4.1.2", "450 4.1.2 Host not found");
        assertThat(hostTransient.hard()).isFalse();
        // a delay notice reports the last attempt of an MTA that is still trying
        Classification delayed = classifier.classify(Optional.of(DsnAction.DELAYED), DeliveryStatus.parse("4.1.1"),
                OptionalInt.empty(), "User unknown", "");
        assertThat(delayed.hard()).isFalse();
        Classification delayedNoStatus = classifier.classify(Optional.of(DsnAction.DELAYED), Optional.empty(),
                OptionalInt.empty(), "The recipient's domain does not exist", "");
        assertThat(delayedNoStatus.hard()).isFalse();
        // the same answers said permanently stay hard
        assertThat(classifier.classify(550, "5.1.1", "550 5.1.1 <a@example.org>: User unknown").hard()).isTrue();
        assertThat(classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.1.1"),
                OptionalInt.empty(), "User unknown", "").hard()).isTrue();
    }
}
