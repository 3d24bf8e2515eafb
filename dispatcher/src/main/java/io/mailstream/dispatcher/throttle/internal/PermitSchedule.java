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

    /** Sets the number of permits per period from now on. */
    void changeLimit(int limit);
}
