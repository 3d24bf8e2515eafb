package io.mailstream.cli.scaleout;

/**
 * One phase of a run: how many dispatchers (and brokers) ran, how long, how many messages got their
 * terminal event in it, and the group's lag when it started and ended.
 */
public record PhaseResult(String name, int dispatchers, int brokers, double seconds, long messagesDone,
        long lagAtStart, long lagAtEnd) {
    public double messagesPerSecond() {
        return seconds <= 0 ? 0 : messagesDone / seconds;
    }
}
