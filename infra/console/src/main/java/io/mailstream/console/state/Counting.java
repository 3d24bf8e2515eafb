package io.mailstream.console.state;

import java.util.function.Function;

/** How the console counts: a counter per campaign id and a decoder of raw bounces. */
public record Counting(Function<String, CampaignCounter> counters, BounceDecoder bounces) {
}
