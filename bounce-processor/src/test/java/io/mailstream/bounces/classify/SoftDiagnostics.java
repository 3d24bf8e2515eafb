package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failed recipient's diagnostic classified alone, as the wording tests write them (the diagnostic is also the
 * wider text), and the check those tests make of a refusal that says nothing about the address: its reason, soft.
 */
final class SoftDiagnostics {
    private static final ReasonClassifier CLASSIFIER = new ReasonClassifier();

    private SoftDiagnostics() {
    }

    static Classification failed(String status, int reply, String diagnostic) {
        return CLASSIFIER.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(reply),
                diagnostic, diagnostic);
    }

    static void assertSoft(String status, int reply, String diagnostic, BounceReason reason) {
        Classification c = failed(status, reply, diagnostic);
        assertThat(c.reason()).as(diagnostic).isEqualTo(reason);
        assertThat(c.hard()).as(diagnostic).isFalse();
    }
}
