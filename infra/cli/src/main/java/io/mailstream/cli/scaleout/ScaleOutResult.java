package io.mailstream.cli.scaleout;

import java.util.List;

/** A finished run: its phases, the lag series, what was SIGKILLed, the verdict and where the logs are. */
public record ScaleOutResult(ScaleOutConfig config, List<PhaseResult> phases, List<LagPoint> lag,
        String killedDispatcher, String killedBroker, Verdict verdict, double wallSeconds) {
    public ScaleOutResult {
        phases = List.copyOf(phases);
        lag = List.copyOf(lag);
    }
}
