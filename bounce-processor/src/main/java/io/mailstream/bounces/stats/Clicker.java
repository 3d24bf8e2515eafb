package io.mailstream.bounces.stats;

import java.time.Instant;
import java.util.List;

/**
 * A recipient who followed a tracked link of a campaign's message (human clicks only: privacy proxies
 * and scanners are not people).
 *
 * @param recipient    the address the message went to (from its delivery event), or null when no
 *                     delivery event of the message was read
 * @param clicks       human clicks on the message's links
 * @param links        the positions of the links clicked, ascending
 * @param firstClickAt the first click
 * @param lastClickAt  the latest click
 */
public record Clicker(String messageId, String recipient, long clicks, List<Integer> links, Instant firstClickAt,
                      Instant lastClickAt) {
    public Clicker {
        links = List.copyOf(links);
    }
}
