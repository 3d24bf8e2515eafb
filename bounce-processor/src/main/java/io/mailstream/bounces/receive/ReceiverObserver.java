package io.mailstream.bounces.receive;

import io.mailstream.schemas.verp.VerpCheck;

/** Told what the receiver refuses (metrics hang here); called on session threads, keep it cheap. */
@FunctionalInterface
public interface ReceiverObserver {
    ReceiverObserver NONE = reason -> {
    };

    /** A RCPT TO was answered 550 for this reason. */
    void recipientRefused(VerpCheck.Reason reason);
}
