package io.mailstream.bounces.guard;

/**
 * A rate at a provider that reached its line.
 *
 * @param count complaints or hard bounces
 * @param base  delivered (complaint rate) or attempted (hard-bounce rate) messages
 */
public record Breach(GuardRule rule, double rate, double line, long count, long base) {
}
