package io.mailstream.cli.deadletter;

import io.mailstream.cli.lag.HumanDurationConverter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --since}, {@code --reason}, {@code --offset}, {@code --limit}: the filters both dead-letter commands take. */
public final class SelectionOptions {
    @Option(names = "--since", paramLabel = "TIME|AGO", description = "Only dead letters written at or after this instant "
            + "(2026-12-03T10:00:00Z) or this long ago (30m, 2h, PT48H).")
    String since;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only dead letters whose reason (corrupt, unknown-schema, "
            + "not-avro, write-refused) or error contains TEXT (case-insensitive).")
    String reason;

    @Option(names = "--offset", paramLabel = "N", split = ",", description = "Only the dead letters at these offsets of "
            + "mail.dead-letter (repeatable, or comma-separated).")
    List<Long> offsets = List.of();

    @Option(names = "--limit", defaultValue = "100", description = "At most this many, oldest first (default: ${DEFAULT-VALUE}).")
    int limit;

    public SelectionOptions() {
    }

    DeadLetterSelection selection(Clock clock) {
        return new DeadLetterSelection(Optional.ofNullable(since).map(s -> sinceInstant(s, clock)), Optional.ofNullable(reason),
                new LinkedHashSet<>(offsets), limit);
    }

    private static Instant sinceInstant(String value, Clock clock) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            return clock.instant().minus(HumanDurationConverter.parse(value));
        }
    }
}
