package io.mailstream.console.health;

import java.util.OptionalDouble;

/**
 * One destination as a dispatcher's {@code /metrics} publishes it ({@code mailstream_destination_*{destination=…}}),
 * or as {@link FleetDestinations} merges it over dispatchers: a throttle's routing target (a recipient domain or
 * {@code site:<name>}) or a host the pool connects to.
 *
 * @param rateLimit   msg/s allowed now, present only while the destination is held below its policy
 * @param open        SMTP connections open to it
 * @param max         its connection maximum
 * @param circuitOpen on how many of the reporting dispatchers its circuit is open
 * @param reporting   how many dispatchers publish it
 */
public record DestinationLive(String destination, OptionalDouble rateLimit, double open, double max, int circuitOpen,
                              int reporting) {
}
