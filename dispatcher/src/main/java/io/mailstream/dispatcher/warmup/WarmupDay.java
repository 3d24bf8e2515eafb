package io.mailstream.dispatcher.warmup;

/** One row of a warm-up table: on day {@code day} (1 = the start date) at most this many messages per day and per hour. */
public record WarmupDay(int day, long maxPerDay, long maxPerHour) {
    public WarmupDay {
        if (day < 1) {
            throw new IllegalArgumentException("warm-up day must be at least 1, was " + day);
        }
        if (maxPerDay < 1 || maxPerHour < 1) {
            throw new IllegalArgumentException("warm-up day " + day + ": limits must be at least 1");
        }
    }
}
