package io.mailstream.bounces.stats;

/**
 * Clicks on one link of a campaign, by its position in the HTML part (a personalised URL differs per
 * recipient; its position does not).
 *
 * @param url    the URL of the first click counted (the link's URL when it is not personalised)
 * @param clicks human clicks; {@code uniqueClicks} messages with at least one
 */
public record LinkStats(int index, String url, long clicks, long uniqueClicks) {
}
