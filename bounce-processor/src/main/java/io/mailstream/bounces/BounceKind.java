package io.mailstream.bounces;

/** What kind of message a bounce receiver got. */
public enum BounceKind {
    /** A delivery status notification: RFC 3464 or a non-standard bounce from which recipients were read. */
    DSN,
    /** An abuse/complaint report in the Abuse Reporting Format (RFC 5965). */
    FEEDBACK,
    /** An automatic reply such as a vacation notice (RFC 3834): the recipient exists. */
    AUTO_REPLY,
    /** Nothing usable could be read; {@link BounceReport#problems()} says why. */
    UNPARSEABLE
}
