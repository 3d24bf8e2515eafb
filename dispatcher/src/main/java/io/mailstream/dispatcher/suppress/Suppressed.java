package io.mailstream.dispatcher.suppress;

import io.mailstream.avro.SuppressionSource;
import java.time.Instant;
import java.util.Optional;

/**
 * Why one message must not be sent: the part of the address's suppression that blocks it.
 *
 * @param scope the list an unsubscribe came from; empty for every other source and for unscoped unsubscribes
 */
public record Suppressed(SuppressionSource source, String reason, Optional<String> scope, Optional<Instant> expiresAt) {
}
