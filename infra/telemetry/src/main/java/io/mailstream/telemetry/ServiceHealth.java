package io.mailstream.telemetry;

/**
 * What a running service says about itself to its orchestrator: liveness (restart me if down) and
 * readiness (send me work / count me in if up). Called from the ops server's threads at any time,
 * so implementations read volatile state and never block.
 */
public interface ServiceHealth {

    HealthReport liveness();

    HealthReport readiness();
}
