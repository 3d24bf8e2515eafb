package io.mailstream.dispatcher.queue;

import java.time.Instant;

/** A {@link LaneGate}'s answer for a lane's head. */
public sealed interface Admission {
    Admission ADMITTED = new Admitted();
    Admission BUSY = new Busy();

    /** Go: the gate has taken what the item needs (a rate permit, a connection slot). */
    record Admitted() implements Admission {
    }

    /** Not before {@code at}: the lane is parked until then (rate, warm-up budget, suspension) and workers serve other lanes. */
    record NotBefore(Instant at) implements Admission {
    }

    /**
     * Not before {@code reopensAt}, which is too far off to hold the item in memory: the lane hands it
     * out anyway, marked ({@link DomainQueues#overflowUntil}), for the worker to park it in Kafka.
     */
    record Overflow(Instant reopensAt) implements Admission {
    }

    /** Every slot the item needs is taken (connection limit): the lane waits until some item is done. */
    record Busy() implements Admission {
    }
}
