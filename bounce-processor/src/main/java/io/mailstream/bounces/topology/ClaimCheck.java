package io.mailstream.bounces.topology;

/**
 * A failure a received report claims, next to what the delivery events say of its message
 * ({@code sentTo}, a {@link SentMessage} as stored; null while no delivery of that message is known).
 */
record ClaimCheck(RecipientFailure claimed, String sentTo) {
}
