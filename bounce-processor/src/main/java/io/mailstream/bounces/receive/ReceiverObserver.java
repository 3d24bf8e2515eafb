package io.mailstream.bounces.receive;

import io.mailstream.schemas.verp.VerpCheck;

/** Told what the receiver refuses (metrics hang here); called on session threads, keep it cheap. */
@FunctionalInterface
public interface ReceiverObserver {
    ReceiverObserver NONE = reason -> {
    };

    /** A RCPT TO was answered 550 for this reason. */
    void recipientRefused(VerpCheck.Reason reason);

    /** A client was turned away for going over one of its {@link ClientLimits}. */
    default void clientLimited(ClientLimit limit) {
    }

    /** Which of the {@link ClientLimits} a client hit. */
    enum ClientLimit {
        /** Too many concurrent sessions: 421 at connect. */
        CONNECTIONS,
        /** Too many mail transactions in the window: 451 at MAIL FROM. */
        MESSAGES
    }
}
