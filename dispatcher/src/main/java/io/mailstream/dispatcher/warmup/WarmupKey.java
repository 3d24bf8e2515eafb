package io.mailstream.dispatcher.warmup;

import java.time.LocalDate;

/** Identifies a warm-up counter: schedule, UTC day and partition; {@link #asString()} is its key in the state topic. */
public record WarmupKey(String schedule, LocalDate day, int partition) {
    public String asString() {
        return schedule + "|" + day + "|" + partition;
    }
}
