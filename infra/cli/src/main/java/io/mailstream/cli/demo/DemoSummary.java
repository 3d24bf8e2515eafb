package io.mailstream.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a demo run did, as a table for people and one JSON object for scripts. */
public record DemoSummary(
        String campaignId,
        long recipients,
        long published,
        long rejectedAtLaunch,
        long duplicates,
        long delivered,
        long bounced,
        long suppressed,
        long rejected,
        long cancelled,
        long expired,
        long deferredEvents,
        long duplicateTerminalEvents,
        long sinkReceived,
        int dsnsReturned,
        Map<String, String> suppressedByBounceLoop,
        int unsubscribedViaPage,
        int unsubscribedViaMailto,
        double stackStartSeconds,
        double wallSeconds,
        boolean complete) {

    public double messagesPerSecond() {
        return wallSeconds > 0 ? (delivered + bounced) / wallSeconds : 0;
    }

    public void printTable(PrintStream out) {
        out.println();
        out.println("mailstream demo: campaign " + campaignId + (complete ? "" : "  (INCOMPLETE: timed out)"));
        row(out, "recipients in list", recipients);
        row(out, "published", published);
        row(out, "rejected at launch", rejectedAtLaunch);
        row(out, "duplicates dropped", duplicates);
        row(out, "delivered", delivered);
        row(out, "bounced", bounced);
        row(out, "suppressed at dispatch", suppressed);
        row(out, "rejected at dispatch", rejected);
        row(out, "deferred (retry) events", deferredEvents);
        row(out, "SMTP sink received", sinkReceived);
        row(out, "duplicate terminal events", duplicateTerminalEvents);
        row(out, "DSNs returned to receiver", dsnsReturned);
        row(out, "addresses suppressed", suppressedByBounceLoop.size());
        reasons().forEach((reason, n) -> out.printf(Locale.ROOT, "    %-24s %10d%n", "reason " + reason, n));
        row(out, "unsubscribed via page", unsubscribedViaPage);
        row(out, "unsubscribed via mailto", unsubscribedViaMailto);
        out.printf(Locale.ROOT, "  %-26s %10.1f s%n", "stack start", stackStartSeconds);
        out.printf(Locale.ROOT, "  %-26s %10.1f s%n", "wall time (launch → done)", wallSeconds);
        out.printf(Locale.ROOT, "  %-26s %10.0f%n", "messages per second", messagesPerSecond());
    }

    /** How many suppressed addresses the bounce processor classified under each reason. */
    public Map<String, Integer> reasons() {
        Map<String, Integer> byReason = new TreeMap<>();
        suppressedByBounceLoop.values().forEach(r -> byReason.merge(r, 1, Integer::sum));
        return byReason;
    }

    private static void row(PrintStream out, String label, long value) {
        out.printf(Locale.ROOT, "  %-26s %10d%n", label, value);
    }

    public String toJson() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("campaignId", campaignId);
        n.put("recipients", recipients);
        n.put("published", published);
        n.put("rejectedAtLaunch", rejectedAtLaunch);
        n.put("duplicates", duplicates);
        n.put("delivered", delivered);
        n.put("bounced", bounced);
        n.put("suppressed", suppressedByBounceLoop.size());
        n.put("suppressedAtDispatch", suppressed);
        n.put("dsnsReturned", dsnsReturned);
        n.put("unsubscribedViaPage", unsubscribedViaPage);
        n.put("unsubscribedViaMailto", unsubscribedViaMailto);
        reasons().forEach((reason, count) -> n.with("suppressedByReason").put(reason, count));
        n.put("rejected", rejected + rejectedAtLaunch);
        n.put("cancelled", cancelled);
        n.put("expired", expired);
        n.put("deferredEvents", deferredEvents);
        n.put("duplicateTerminalEvents", duplicateTerminalEvents);
        n.put("sinkReceived", sinkReceived);
        n.put("stackStartSeconds", round(stackStartSeconds));
        n.put("wallSeconds", round(wallSeconds));
        n.put("messagesPerSecond", Math.round(messagesPerSecond()));
        n.put("complete", complete);
        return n.toString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
