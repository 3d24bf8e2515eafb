package io.mailstream.cli.scaleout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints a {@link ScaleOutResult}: the phase table, the lag series around the no-dispatcher phase, the verdict. */
public final class ScaleOutReport {
    private ScaleOutReport() {
    }

    public static void print(ScaleOutResult r, PrintWriter out) {
        Verdict v = r.verdict();
        out.printf(Locale.ROOT, "%nscale-out: %,d messages, %d partitions, %d domains, %d brokers, up to %d dispatchers; "
                + "SIGKILLed %s and %s%n%n", r.config().messages(), r.config().partitions(), r.config().domains(),
                r.config().brokers(), r.config().dispatchers(), r.killedDispatcher(), r.killedBroker());
        out.printf(Locale.ROOT, "| %-23s | %11s | %7s | %8s | %9s | %8s | %12s | %10s |%n",
                "phase", "dispatchers", "brokers", "seconds", "messages", "msg/s", "lag at start", "lag at end");
        out.println("| ----------------------- | ----------: | ------: | -------: | --------: | -------: | -----------: | ---------: |");
        for (PhaseResult p : r.phases()) {
            out.printf(Locale.ROOT, "| %-23s | %11d | %7d | %8.1f | %,9d | %,8.0f | %,12d | %,10d |%n", p.name(), p.dispatchers(),
                    p.brokers(), p.seconds(), p.messagesDone(), p.messagesPerSecond(), p.lagAtStart(), p.lagAtEnd());
        }
        out.println();
        out.println("lag of group " + ScaleOutRun.GROUP + " (same reader as `mailstream lag --json`), launch with no dispatcher"
                + " and the first dispatcher phase:");
        List<LagPoint> series = r.lag().stream()
                .filter(p -> p.dispatchers() <= 1 && !p.phase().equals("stopping") && !p.phase().equals("after SIGKILL"))
                .toList();
        StringBuilder line = new StringBuilder();
        for (LagPoint p : thin(series, 40)) {
            line.append(String.format(Locale.ROOT, "  %5.1fs d=%d lag=%,d%n", p.seconds(), p.dispatchers(), p.lag()));
        }
        out.print(line);
        out.println();
        out.printf(Locale.ROOT, "published %,d; SMTP deliveries %,d (duplicates %,d); recipients delivered %,d; lost %,d%n",
                v.published(), v.delivered(), v.duplicateDeliveries(), v.recipientsDelivered(), v.lost());
        out.printf(Locale.ROOT, "SMTP transactions in flight (outcome not durable) at the kill: %,d; repeats %s that bound%n",
                v.inFlightAtKills(), v.duplicateDeliveries() <= v.inFlightAtKills() ? "within" : "EXCEED");
        out.printf(Locale.ROOT, "terminal events %s; messages without one %,d; with several %,d (%,d extra events)%n",
                v.outcomes(), v.missingTerminal(), v.messagesWithSeveralTerminal(), v.duplicateTerminalEvents());
        out.printf(Locale.ROOT, "ownership: %,d group samples, %,d with a partition owned twice, %,d partitions handed over%n",
                v.ownershipSamples(), v.ownershipViolations(), v.partitionsHandedOver());
        v.examples().forEach(e -> out.println("  e.g. " + e));
        out.printf(Locale.ROOT, "wall time %.0f s; result: %s%n", r.wallSeconds(), v.ok() ? "OK" : "FAILED");
        out.flush();
    }

    /** One JSON object: config, phases, lag series, verdict. */
    public static String json(ScaleOutResult r) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ScaleOutConfig c = r.config();
        root.putObject("config").put("messages", c.messages()).put("partitions", c.partitions()).put("domains", c.domains())
                .put("brokers", c.brokers()).put("dispatchers", c.dispatchers()).put("idleWindow", c.idleWindow().toString())
                .put("timeout", c.timeout().toString()).put("workDir", c.workDir().toString());
        root.set("phases", json.valueToTree(r.phases()));
        root.set("lag", json.valueToTree(r.lag()));
        root.put("killedDispatcher", r.killedDispatcher());
        root.put("killedBroker", r.killedBroker());
        root.set("verdict", json.valueToTree(r.verdict()));
        root.put("wallSeconds", r.wallSeconds());
        root.put("ok", r.verdict().ok());
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the result as JSON", e);
        }
    }

    /** At most {@code max} points, evenly spread, first and last kept. */
    static List<LagPoint> thin(List<LagPoint> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        return java.util.stream.IntStream.range(0, max)
                .mapToObj(i -> points.get((int) Math.round(i * (points.size() - 1) / (double) (max - 1)))).toList();
    }
}
