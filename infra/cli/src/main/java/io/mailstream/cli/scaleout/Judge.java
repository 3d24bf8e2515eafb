package io.mailstream.cli.scaleout;

import io.mailstream.avro.Outcome;
import io.mailstream.cli.standalone.SinkReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The pure end of a run: from what was expected, what the sink got and the terminal events, the {@link Verdict}. */
final class Judge {
    private static final int EXAMPLES = 5;

    private Judge() {
    }

    /**
     * @param expected       message id to recipient address, one entry per message of the campaign
     * @param published      messages the launch reported as published
     * @param sink           what the SMTP sink accepted
     * @param terminal       terminal events per message id
     * @param outcomes       terminal events per outcome
     * @param ownership      what the ownership monitor saw
     * @param inFlightAtKills transactions open, outcome not durable, at the kills: the repeats allowed
     */
    static Verdict judge(Map<String, String> expected, long published, SinkReport sink, Map<String, Integer> terminal,
            Map<Outcome, Long> outcomes, OwnershipMonitor.Summary ownership, long inFlightAtKills) {
        List<String> examples = new ArrayList<>();
        long lost = 0;
        long recipientsDelivered = 0;
        long missingTerminal = 0;
        long duplicateTerminal = 0;
        long several = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (sink.count(e.getValue()) == 0) {
                lost++;
                example(examples, "lost: " + e.getValue());
            } else {
                recipientsDelivered++;
            }
            int events = terminal.getOrDefault(e.getKey(), 0);
            if (events == 0) {
                missingTerminal++;
                example(examples, "no terminal event: " + e.getKey());
            } else if (events > 1) {
                several++;
                duplicateTerminal += events - 1;
                example(examples, events + " terminal events: " + e.getKey());
            }
        }
        if (sink.duplicateDeliveries() > inFlightAtKills) {
            examples.add(0, sink.duplicateDeliveries() + " repeated deliveries, more than the " + inFlightAtKills
                    + " transactions in flight at the kills");
        }
        Map<String, Long> byOutcome = new TreeMap<>();
        outcomes.forEach((o, n) -> byOutcome.put(o.name(), n));
        return new Verdict(published, sink.total(), recipientsDelivered, lost, sink.duplicateDeliveries(), missingTerminal,
                duplicateTerminal, several, byOutcome, ownership.samples(), ownership.violations(), ownership.partitionsHandedOver(), inFlightAtKills, examples);
    }

    private static void example(List<String> examples, String what) {
        if (examples.size() < EXAMPLES) {
            examples.add(what);
        }
    }
}
