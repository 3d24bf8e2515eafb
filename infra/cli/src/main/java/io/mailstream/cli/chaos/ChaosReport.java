package io.mailstream.cli.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link ChaosResult}: the kills, the counts against their targets, and one JSON object. */
final class ChaosReport {
    private ChaosReport() {
    }

    static void print(ChaosResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "%nchaos: %,d recipients, seed %d%n%n", r.recipients(), r.seed());
        out.println("| kill | process | at s | messages done | transactions in flight, outcome not durable |");
        out.println("| ---: | ------- | ---: | ------------: | ------------------------------------------: |");
        int i = 1;
        for (ChaosResult.KillRecord k : r.kills()) {
            out.printf(Locale.ROOT, "| %d | %s | %.1f | %,d | %s |%n", i++, k.process(), k.atSeconds(), k.messagesDone(),
                    k.process().startsWith("kafka") ? "(broker)" : String.format(Locale.ROOT, "%,d", k.inFlight()));
        }
        out.println();
        out.println("| count | value | target |");
        out.println("| ----- | ----: | ------ |");
        row(out, "recipients", r.recipients(), "");
        row(out, "lost", r.lost(), "0");
        row(out, "duplicateMails (crash repeats)", r.duplicateMails(), "<= inFlightAtKills");
        row(out, "inFlightAtKills", r.inFlightAtKills(), "");
        row(out, "duplicateTerminalEvents", r.duplicateTerminalEvents(), "0");
        row(out, "missingTerminalEvents", r.missingTerminalEvents(), "0");
        row(out, "relaunchMails", r.relaunchMails(), "0");
        row(out, "apiRetryMails", r.apiRetryMails(), "0");
        out.printf(Locale.ROOT, "%nwall time %.0f s; result: %s%n", r.wallSeconds(), r.ok() ? "OK" : "FAILED");
        out.flush();
    }

    private static void row(PrintWriter out, String name, long value, String target) {
        out.printf(Locale.ROOT, "| %s | %,d | %s |%n", name, value, target);
    }

    static String json(ChaosResult r) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("recipients", r.recipients());
        root.put("lost", r.lost());
        root.put("duplicateMails", r.duplicateMails());
        root.put("inFlightAtKills", r.inFlightAtKills());
        root.put("duplicateTerminalEvents", r.duplicateTerminalEvents());
        root.put("missingTerminalEvents", r.missingTerminalEvents());
        root.put("relaunchMails", r.relaunchMails());
        root.put("apiRetryMails", r.apiRetryMails());
        root.set("kills", json.valueToTree(r.kills()));
        root.put("seed", r.seed());
        root.put("wallSeconds", Math.round(r.wallSeconds() * 10) / 10.0);
        root.put("ok", r.ok());
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the result as JSON", e);
        }
    }
}
