package io.mailstream.cli.scaleout;

import java.util.List;
import java.util.Map;

/**
 * What the end of a run found. {@code ok()} only if no recipient was lost, every message has exactly
 * one terminal delivery event, no partition ever had two owners at once, and the SMTP repeats stayed
 * within the transactions that were in flight, outcome not yet durable, at the kills.
 *
 * @param published               messages the launch published
 * @param delivered               SMTP deliveries the sink accepted, duplicates included
 * @param recipientsDelivered     distinct expected recipients with at least one delivery
 * @param lost                    expected recipients the sink never received
 * @param duplicateDeliveries     SMTP deliveries beyond the first per recipient
 * @param missingTerminal         messages with no terminal event
 * @param duplicateTerminalEvents terminal events beyond the first per message
 * @param messagesWithSeveralTerminal messages with more than one terminal event
 * @param outcomes                terminal events per outcome
 * @param ownershipSamples        consumer-group samples taken
 * @param ownershipViolations     samples in which a partition had two owners
 * @param partitionsHandedOver    partitions that moved to another dispatcher during the run
 * @param inFlightAtKills         SMTP transactions the killed dispatcher had started and whose outcome was not durable
 *                                in Kafka when it was killed ({@link KillWindows}): the most it may repeat
 * @param examples                a few offending ids or addresses, for the error message
 */
public record Verdict(long published, long delivered, long recipientsDelivered, long lost, long duplicateDeliveries,
        long missingTerminal, long duplicateTerminalEvents, long messagesWithSeveralTerminal, Map<String, Long> outcomes,
        long ownershipSamples, long ownershipViolations, long partitionsHandedOver, long inFlightAtKills,
        List<String> examples) {
    public Verdict {
        outcomes = Map.copyOf(outcomes);
        examples = List.copyOf(examples);
    }

    public boolean ok() {
        return lost == 0 && missingTerminal == 0 && messagesWithSeveralTerminal == 0 && ownershipViolations == 0
                && duplicateDeliveries <= inFlightAtKills;
    }
}
