package io.mailstream.bounces.topology;

/**
 * A failure a received report claims, next to the recipient the delivery events say its message
 * went to ({@code sentTo}, normalised; null while no delivery of that message is known).
 */
record ClaimCheck(RecipientFailure claimed, String sentTo) {
}
