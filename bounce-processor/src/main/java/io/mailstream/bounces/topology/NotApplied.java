package io.mailstream.bounces.topology;

/** Why a failure named in a received report did not suppress anyone. */
public enum NotApplied {
    /** A DSN that did not come to a signed return path, so it names no message of ours. */
    UNSIGNED,
    /** The signed return path names a message of which no delivery event is known (never sent, or not yet seen). */
    UNKNOWN_MESSAGE,
    /** The report names an address the message was not sent to. */
    RECIPIENT_MISMATCH,
    /** A feedback-loop report with neither a signed return path nor a checkable message id of ours. */
    UNTIED_FEEDBACK
}
