package io.mailstream.console.state;

import java.time.Instant;
import java.util.Optional;

/**
 * A warm-up schedule's day as the dispatchers publish it to {@code mail.warmup-counters}: what was
 * sent (summed over the partitions' counters), how many partitions found their share used up, and
 * what was lent between partitions. The day's budget itself is the schedule file's, read by the
 * dispatchers and published nowhere, so it is not shown.
 *
 * @param sentThisHour summed over the partitions whose counter is of the latest hour seen
 * @param waiting      partitions whose mail found the day's share used up at least once
 */
public record WarmupRow(String schedule, String day, int partitions, long sentToday, int hour, long sentThisHour,
                        int waiting, long lent, Optional<Instant> lastWaitAt, Instant updatedAt) {
}
