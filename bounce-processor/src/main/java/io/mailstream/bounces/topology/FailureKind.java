package io.mailstream.bounces.topology;

/** What a recipient failure means for the suppression list. */
public enum FailureKind {
    /** A permanent failure (unknown user or host, moved): suppress for good. */
    HARD,
    /** A transient failure (mailbox full, blocked, expired ...): suppress once repeated within the window. */
    SOFT,
    /**
     * A hard bounce on weak evidence ({@code RecipientReport.provisionalHard()}: a generic
     * user-unknown phrase without an x.1.x status, say): counted as a soft bounce, and suppressed
     * for good only when a second bounce of the address within the soft-bounce window confirms it.
     */
    PROVISIONAL_HARD,
    /** An abuse complaint (RFC 5965 feedback report): suppress for good. */
    COMPLAINT,
    /** Mail to a message's signed List-Unsubscribe mailto (RFC 2369): unsubscribe its recipient, for good. */
    UNSUBSCRIBE,
    /**
     * A DSN with action {@code delayed} (RFC 3464 §2.3.3) at a signed return path: not a failure,
     * never suppresses; split off at once to count a deferral in the campaign statistics.
     */
    DELAYED
}
