package io.mailstream.dispatcher.metrics;

import io.mailstream.dispatcher.warmup.WarmupDay;
import io.mailstream.dispatcher.warmup.WarmupSchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Per configured warm-up schedule (a fixed label set: the schedule file's names), the day in force and its
 * budgets, read on the injected clock's UTC date ({@link WarmupSchedule#on}: day 1 before the start). After the
 * last day the series read NaN: no budget applies then.
 */
public final class WarmupGauges {
    public static final String DAY = "mailstream.warmup.day";
    public static final String BUDGET_DAY = "mailstream.warmup.budget.day";
    public static final String BUDGET_HOUR = "mailstream.warmup.budget.hour";

    private WarmupGauges() {
    }

    public static void bind(MeterRegistry registry, List<WarmupSchedule> schedules, Clock clock) {
        for (WarmupSchedule s : schedules) {
            gauge(registry, DAY, "The schedule's day in force (1 = first)", s, clock, WarmupDay::day);
            gauge(registry, BUDGET_DAY, "Messages the schedule allows today, over all partitions", s, clock, WarmupDay::maxPerDay);
            gauge(registry, BUDGET_HOUR, "Messages the schedule allows per hour today", s, clock, WarmupDay::maxPerHour);
        }
    }

    private static void gauge(MeterRegistry registry, String name, String description, WarmupSchedule s, Clock clock,
                              ToDoubleFunction<WarmupDay> value) {
        Gauge.builder(name, s, sch -> today(sch, clock).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tag("schedule", s.name()).tag("pool", s.pool()).register(registry);
    }

    private static Optional<WarmupDay> today(WarmupSchedule s, Clock clock) {
        return s.on(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
