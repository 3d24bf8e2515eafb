package io.mailstream.dispatcher.throttle;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;

/** Told the outcome of every SMTP attempt, so pacing can adapt to what receivers answer. Thread-safe. */
public interface DeliveryObserver {
    DeliveryObserver NONE = (message, outcome) -> { };

    void observed(MailMessage message, DeliveryOutcome outcome);
}
