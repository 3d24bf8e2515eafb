package io.mailstream.dispatcher.ledger;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * How far back a new partition owner reads {@code mail.delivery-events} for outcomes its
 * predecessor wrote after its last commit ({@link RecentOutcomes}).
 *
 * @param lookbackMargin {@code ledger.lookback-margin}: read from this long before the last commit's time (events carry
 *                       the producer's send time, which can precede their acknowledgement; and the commit
 *                       listed only what was acknowledged when it was built)
 * @param lookback       {@code ledger.lookback}: how far back from now to read when the commit carries no time
 *                       (no commit yet, or one written by an older dispatcher); zero turns the event read off
 * @param readTimeout    {@code ledger.read-timeout}: the longest the read may take; it runs inside the rebalance
 *                       listener, so it must stay well under {@code max.poll.interval.ms} (5 min by default)
 * @param maxEntries     {@code ledger.max-entries}: at most this many (messageId, attempt) pairs are kept; past it the
 *                       oldest are dropped with a warning (costs duplicates, never loses mail)
 */
public record LedgerSettings(Duration lookbackMargin, Duration lookback, Duration readTimeout, int maxEntries) {
    public static final Duration DEFAULT_LOOKBACK_MARGIN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ENTRIES = 2_000_000;

    public LedgerSettings {
        if (lookbackMargin == null || lookbackMargin.isNegative()) {
            throw new InvalidConfigException("ledger.lookback-margin", "must be zero or a positive duration, was " + lookbackMargin);
        }
        if (lookback == null || lookback.isNegative()) {
            throw new InvalidConfigException("ledger.lookback", "must be zero (off) or a positive duration, was " + lookback);
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()
                || readTimeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new InvalidConfigException("ledger.read-timeout",
                    "must be in (0, 2m] to stay well under max.poll.interval.ms, was " + readTimeout);
        }
        if (maxEntries < 1) {
            throw new InvalidConfigException("ledger.max-entries", "must be at least 1, was " + maxEntries);
        }
    }

    public static LedgerSettings defaults() {
        return new LedgerSettings(DEFAULT_LOOKBACK_MARGIN, DEFAULT_LOOKBACK, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_ENTRIES);
    }
}
