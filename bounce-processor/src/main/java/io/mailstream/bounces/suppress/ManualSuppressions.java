package io.mailstream.bounces.suppress;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Builds the records an operator writes by hand, and answers whether a record is in force. */
public final class ManualSuppressions {
    private ManualSuppressions() {
    }

    /** A {@link SuppressionSource#MANUAL} suppression, permanent unless {@code duration} is given. */
    public static Suppression of(EmailAddress address, String reason, Instant now, Optional<Duration> duration) {
        return Suppression.newBuilder()
                .setAddress(address.normalized())
                .setReason(reason)
                .setSource(SuppressionSource.MANUAL)
                .setFirstSeen(now)
                .setLastSeen(now)
                .setCount(1)
                .setExpiresAt(duration.map(now::plus).orElse(null))
                .build();
    }

    /** A suppression from {@code source} (an operator, or the recipient unsubscribing) lasting until {@code expiresAt}, or for good. */
    public static Suppression of(EmailAddress address, String reason, SuppressionSource source, Instant now,
                                 Optional<Instant> expiresAt) {
        return Suppression.newBuilder()
                .setAddress(address.normalized())
                .setReason(reason)
                .setSource(source)
                .setFirstSeen(now)
                .setLastSeen(now)
                .setCount(1)
                .setExpiresAt(expiresAt.orElse(null))
                .build();
    }

    /** Whether {@code s} still suppresses at {@code now} (dispatchers ignore expired entries too). */
    public static boolean isActive(Suppression s, Instant now) {
        return s.getExpiresAt() == null || s.getExpiresAt().isAfter(now);
    }
}
