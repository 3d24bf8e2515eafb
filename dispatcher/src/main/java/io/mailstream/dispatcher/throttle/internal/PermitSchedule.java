package io.mailstream.dispatcher.throttle.internal;

/** When permits may be granted, on a timeline of nanoseconds read from an injected clock. Not thread-safe: {@link ClockedRateLimiter} guards it. */
interface PermitSchedule {
    /** Nanoseconds from {@code now} until one more permit may be granted; 0 if now. */
    long nanosUntilFree(long now);

    /** Records one permit granted at {@code now}. */
    void take(long now);

    /** Permits that could be granted at {@code now} without waiting. */
    int available(long now);

    /**
     * Counts a permit as granted at {@code at} by someone else (the previous owner of a partition), so
     * the next one here keeps the spacing from it. Schedules that count permits rather than space them
     * ignore it: a permit that may not have been granted must not be taken from their budget.
     */
    default void assumeTakenAt(long at) {
    }

    /**
     * The permits counted now, by the latest instant each may have been granted (epoch nanoseconds to
     * count); empty for schedules that space permits instead of counting them.
     */
    default java.util.Map<Long, Integer> countedByGrant(long now) {
        return java.util.Map.of();
    }

    /**
     * Counts the permits another owner reported ({@link #countedByGrant} of its schedule, latest grant instant
     * to count), for schedules that count permits; spacing schedules ignore it. Reports are snapshots:
     * per bucket, the count adopted is the largest reported, not their sum.
     */
    default void adoptReported(java.util.Map<Long, Integer> report) {
    }

    /** Sets the number of permits per period from now on. */
    void changeLimit(int limit);
}
