package io.mailstream.dispatcher.warmup;

/** Budget used by one partition on one warm-up day: in total, and in the UTC hour {@code hour}. */
public record WarmupCount(long sentToday, int hour, long sentThisHour) {
    public static final WarmupCount NONE = new WarmupCount(0, -1, 0);

    long inHour(int h) {
        return h == hour ? sentThisHour : 0;
    }

    WarmupCount plusOne(int h) {
        return new WarmupCount(sentToday + 1, h, inHour(h) + 1);
    }

    /** The larger of two views of the same counter (ours and what the state topic says); counts only grow within a day. */
    WarmupCount max(WarmupCount other) {
        if (other.sentToday > sentToday) {
            return other;
        }
        if (other.sentToday == sentToday && other.hour > hour) {
            return other;
        }
        return this;
    }
}
