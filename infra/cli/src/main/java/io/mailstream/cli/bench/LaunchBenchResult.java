package io.mailstream.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What {@code mailstream bench launch} measured.
 *
 * @param peakHeapBytes heap pools' peak from just before the launch to its end; the embedded broker,
 *                      registry and SMTP sink share this JVM, so it includes them
 * @param uniqueRecipients distinct recipients the launcher counted (the generated list has no repeats)
 * @param peakLiveHeapBytes the most heap in use right after a collection (what is really held; the
 *                      stack's included), 0 when no collection ran
 * @param brokerLogBytes  bytes of the broker's log segments after the launch (all topics, warm-up included)
 */
record LaunchBenchResult(long recipients, long published, long uniqueRecipients, double seconds, long peakHeapBytes,
                         long peakLiveHeapBytes, long maxHeapBytes, int partitions, long brokerLogBytes) {
    static final double TARGET_EVENTS_PER_SECOND = 100_000;
    static final long TARGET_HEAP_BYTES = 256L * 1024 * 1024;

    double eventsPerSecond() {
        return seconds > 0 ? published / seconds : 0;
    }

    boolean targetsMet() {
        return eventsPerSecond() >= TARGET_EVENTS_PER_SECOND && peakHeapBytes < TARGET_HEAP_BYTES;
    }

    void printTable(PrintStream out) {
        out.println("| metric | value |");
        out.println("| --- | --- |");
        out.printf(Locale.ROOT, "| recipients | %,d |%n", recipients);
        out.printf(Locale.ROOT, "| published and acknowledged | %,d |%n", published);
        out.printf(Locale.ROOT, "| unique recipients counted | %,d |%n", uniqueRecipients);
        out.printf(Locale.ROOT, "| outbound partitions | %d |%n", partitions);
        out.printf(Locale.ROOT, "| seconds | %.2f |%n", seconds);
        out.printf(Locale.ROOT, "| events/s | %,.0f |%n", eventsPerSecond());
        out.printf(Locale.ROOT, "| peak heap (MB) | %.1f |%n", mb(peakHeapBytes));
        out.printf(Locale.ROOT, "| peak live heap after GC (MB) | %.1f |%n", mb(peakLiveHeapBytes));
        out.printf(Locale.ROOT, "| max heap, -Xmx (MB) | %s |%n",
                maxHeapBytes < 0 ? "unbounded" : String.format(Locale.ROOT, "%.0f", mb(maxHeapBytes)));
        out.printf(Locale.ROOT, "| broker log segments (MB) | %.1f |%n", mb(brokerLogBytes));
        out.printf(Locale.ROOT, "| targets (>= 100 000 events/s, < 256 MB heap) | %s |%n", targetsMet() ? "met" : "NOT met");
    }

    String toJson() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("recipients", recipients);
        n.put("published", published);
        n.put("uniqueRecipients", uniqueRecipients);
        n.put("partitions", partitions);
        n.put("seconds", Math.round(seconds * 1000) / 1000.0);
        n.put("eventsPerSecond", Math.round(eventsPerSecond()));
        n.put("peakHeapBytes", peakHeapBytes);
        n.put("peakLiveHeapBytes", peakLiveHeapBytes);
        n.put("maxHeapBytes", maxHeapBytes);
        n.put("brokerLogBytes", brokerLogBytes);
        n.put("targetsMet", targetsMet());
        return n.toString();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
