package io.mailstream.dispatcher.consume;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * How long a schema id the registry does not know is waited for before records naming it are
 * dead-lettered (counted from the first record that named it, so a run of such records waits once),
 * and how often they are read again meanwhile: their partition waits {@code firstBackoff}, doubling
 * up to {@code maxBackoff}, between reads. Records after it in its partition wait with it (nothing
 * overtakes a record of its partition); other partitions go on.
 *
 * @param maxWait      {@code decode.unknown-schema-wait}: from the first record naming the id to the dead letter
 * @param firstBackoff the first pause of the partition
 * @param maxBackoff   the longest pause, also used while the registry is unreachable (that is retried for ever)
 */
public record UnknownSchemaPolicy(Duration maxWait, Duration firstBackoff, Duration maxBackoff) {
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

    public UnknownSchemaPolicy {
        if (maxWait == null || maxWait.isNegative() || maxWait.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidConfigException("decode.unknown-schema-wait", "must be in 0..1d, was " + maxWait);
        }
        if (firstBackoff == null || firstBackoff.isNegative() || firstBackoff.isZero()) {
            throw new InvalidConfigException("decode.unknown-schema-wait", "first backoff must be positive, was " + firstBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new InvalidConfigException("decode.unknown-schema-wait", "max backoff must be at least the first ("
                    + firstBackoff + "), was " + maxBackoff);
        }
    }

    /** Waits {@code maxWait} with the default backoff. */
    public static UnknownSchemaPolicy waitingFor(Duration maxWait) {
        return new UnknownSchemaPolicy(maxWait, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public static UnknownSchemaPolicy defaults() {
        return waitingFor(DEFAULT_MAX_WAIT);
    }
}
