package io.mailstream.console.state;

import io.mailstream.avro.WarmupCounter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest {@code mail.warmup-counters} record per (schedule, day, partition), summed per
 * schedule and day for the domains page. Bounded by the topic's keys (compacted); the caller locks.
 */
final class WarmupBoard {
    private final Map<String, WarmupCounter> counters = new HashMap<>();

    void accept(String key, WarmupCounter counter) {
        if (counter == null) {
            counters.remove(key);
        } else {
            counters.put(key, counter);
        }
    }

    /** Per schedule, its latest days first. */
    List<WarmupRow> rows() {
        Map<String, List<WarmupCounter>> byDay = new TreeMap<>();
        for (WarmupCounter c : counters.values()) {
            byDay.computeIfAbsent(c.getSchedule() + "\u0000" + c.getDay(), k -> new ArrayList<>()).add(c);
        }
        List<WarmupRow> out = new ArrayList<>();
        byDay.values().forEach(list -> out.add(row(list)));
        out.sort(Comparator.comparing(WarmupRow::schedule).thenComparing(WarmupRow::day, Comparator.reverseOrder()));
        return out;
    }

    private static WarmupRow row(List<WarmupCounter> list) {
        int hour = list.stream().mapToInt(WarmupCounter::getHour).max().orElse(0);
        long sent = 0;
        long thisHour = 0;
        long lent = 0;
        int waiting = 0;
        Instant lastWait = null;
        Instant updated = Instant.EPOCH;
        for (WarmupCounter c : list) {
            sent += c.getSentToday();
            thisHour += c.getHour() == hour ? c.getSentThisHour() : 0;
            lent += c.getLent() == null ? 0 : c.getLent().values().stream().mapToLong(Long::longValue).sum();
            if (c.getWaitingAt() != null) {
                waiting++;
                lastWait = lastWait == null || c.getWaitingAt().isAfter(lastWait) ? c.getWaitingAt() : lastWait;
            }
            updated = c.getUpdatedAt().isAfter(updated) ? c.getUpdatedAt() : updated;
        }
        WarmupCounter first = list.getFirst();
        return new WarmupRow(first.getSchedule(), first.getDay(), list.size(), sent, hour, thisHour, waiting, lent,
                java.util.Optional.ofNullable(lastWait), updated);
    }
}
