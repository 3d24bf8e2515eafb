package io.mailstream.dispatcher.outcome;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.lane.MailLane;
import java.time.Instant;

/**
 * Told of every decided message on the delivery worker that decided it, with its lane and the instant
 * the outcome was known (for an SMTP transaction, its reply): per-tenant and per-priority counts and
 * the latency from accept ({@code createdAt}) to reply (issue 14). Keep it cheap: it runs on the hot path.
 */
@FunctionalInterface
public interface LaneListener {
    LaneListener NONE = (message, lane, outcome, at) -> { };

    void decided(MailMessage message, MailLane lane, DeliveryOutcome outcome, Instant at);
}
