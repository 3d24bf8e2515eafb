package io.mailstream.dispatcher.throttle;

/**
 * How much of a connection limit each lane may hold (issue 14): transactional mail the whole limit,
 * campaign mail the limit less the connections reserved for transactional mail, but never less
 * than one, so a destination allowing a single connection still gets campaign mail (a transactional
 * message then waits for at most that one transaction, and is served first when it ends). The same
 * rule as the SMTP pool's ({@code PoolSettings.campaignConnections}), applied to the traffic policy's
 * limits, so the lanes never contend for a gate that one of them filled.
 */
final class ConnectionGate {
    private ConnectionGate() {
    }

    /** The in-flight count below which a message of the lane may take one more of {@code max}. */
    static int limit(int max, int reserved, boolean transactional) {
        return transactional ? max : Math.max(1, max - reserved);
    }
}
