package io.mailstream.console.health;

/**
 * A warm-up schedule's day in force and its budgets as a dispatcher publishes them
 * ({@code mailstream_warmup_day{schedule,pool}}, {@code mailstream_warmup_budget_day}, {@code _hour}); NaN after its last day.
 */
public record WarmupLive(String schedule, String pool, double day, double budgetPerDay, double budgetPerHour) {
}
