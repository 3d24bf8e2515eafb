package io.mailstream.dispatcher.lane;

/**
 * {@code MailMessage.priority} within a lane: higher goes first, so a time-critical campaign
 * overtakes a routine newsletter's backlog. The field is an unchecked int; it is clamped to
 * {@value #MIN}..{@value #MAX} so that a stray value cannot create unbounded queues.
 */
public final class PriorityBand {
    public static final int MIN = -9;
    public static final int MAX = 9;

    private PriorityBand() {
    }

    public static int clamp(int priority) {
        return Math.max(MIN, Math.min(MAX, priority));
    }

    /** A bounded metrics label: {@code high} above 0, {@code normal} at 0, {@code low} below. */
    public static String label(int priority) {
        return priority > 0 ? "high" : priority < 0 ? "low" : "normal";
    }
}
