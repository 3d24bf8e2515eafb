package io.mailstream.cli.scaleout;

/** One lag sample of the dispatcher group: seconds since the run started, the phase, dispatchers alive, records behind. */
public record LagPoint(double seconds, String phase, int dispatchers, long lag) {
}
