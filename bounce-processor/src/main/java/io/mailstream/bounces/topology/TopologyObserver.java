package io.mailstream.bounces.topology;

import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.BounceKind;

/**
 * Told what the topology decides, as it decides it (metrics hang here). Called on stream threads,
 * possibly again for a record Kafka Streams reprocesses after a crash (at-least-once): keep it
 * cheap and count, never act.
 */
public interface TopologyObserver {
    TopologyObserver NONE = new TopologyObserver() {
    };

    /** A raw bounce from {@code mail.bounces.raw} was read and found to be of this kind. */
    default void bounceReceived(BounceKind kind) {
    }

    /** A recipient failed; {@code fromDeliveryEvent} is true for the dispatcher's synchronous bounces, false for received ones. */
    default void recipientFailed(RecipientFailure failure, boolean fromDeliveryEvent) {
    }

    /** A failure a received report claimed was not applied, and why. */
    default void failureNotApplied(NotApplied why) {
    }

    /** A suppression (not a tombstone) was written. */
    default void suppressionWritten(SuppressionSource source) {
    }
}
