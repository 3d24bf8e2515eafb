package io.mailstream.cli.deadletter;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which dead letters a command works on: dead-lettered at or after {@code since}, whose reason (or,
 * failing that, error text) contains {@code reason}, at the given {@code offsets} of
 * {@code mail.dead-letter} if any are named, at most {@code limit} of them, oldest first.
 */
record DeadLetterSelection(Optional<Instant> since, Optional<String> reason, Set<Long> offsets, int limit) {
    DeadLetterSelection {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
        }
        reason = reason.map(r -> r.toLowerCase(Locale.ROOT));
        offsets = Set.copyOf(offsets);
    }

    boolean matches(DeadLetter d) {
        if (since.isPresent() && d.time().isBefore(since.get())) {
            return false;
        }
        if (!offsets.isEmpty() && !offsets.contains(d.offset())) {
            return false;
        }
        return reason.isEmpty() || d.reason().toLowerCase(Locale.ROOT).contains(reason.get())
                || d.error().toLowerCase(Locale.ROOT).contains(reason.get());
    }
}
