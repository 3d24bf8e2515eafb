package io.mailstream.dispatcher.consume;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;

/** What to do with one message: record its outcome, or hold it (and its partition) until its campaign resumes. */
public sealed interface Decision {
    record Done(DeliveryOutcome outcome) implements Decision {
    }

    record Hold(HoldReason reason) implements Decision {
    }
}
