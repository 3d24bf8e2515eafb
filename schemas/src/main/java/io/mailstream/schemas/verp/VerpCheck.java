package io.mailstream.schemas.verp;

/** What the receiver makes of a recipient of the bounce domain: a verified message id, or why not. */
public sealed interface VerpCheck {

    /** A return path we signed: the bounce is about {@code messageId}. */
    record Signed(String messageId, String keyId) implements VerpCheck {
    }

    /** An unsubscribe address we signed (the List-Unsubscribe mailto): mail to it unsubscribes {@code messageId}'s recipient. */
    record Unsubscribe(String messageId, String keyId) implements VerpCheck {
    }

    /** Not one of our signed return paths. */
    record Refused(Reason reason) implements VerpCheck {
    }

    enum Reason {
        /** Another domain, or neither {@code bounces+…} nor {@code unsubscribe+…}. */
        NOT_VERP,
        /** {@code bounces+<id>} without a signature (the old form, or forged). */
        UNSIGNED,
        /** Signed with a key id we do not hold (retired too early, or forged). */
        UNKNOWN_KEY,
        /** The MAC does not match the message id. */
        BAD_SIGNATURE
    }
}
