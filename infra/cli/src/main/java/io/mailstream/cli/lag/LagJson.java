package io.mailstream.cli.lag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Renders a {@link LagReport} as one JSON object on one line (one per sample with {@code --watch}). */
public final class LagJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LagJson() {
    }

    public static String render(LagReport report) {
        LagSnapshot s = report.snapshot();
        ObjectNode root = JSON.createObjectNode();
        root.put("time", s.takenAt().toString());
        root.put("totalLag", s.totalLag());
        if (report.maxLag().isPresent()) {
            root.put("maxLag", report.maxLag().getAsLong());
            root.put("maxLagCrossed", report.maxLagCrossed());
        }
        ArrayNode groups = root.putArray("groups");
        for (Map.Entry<String, Long> g : s.lagByGroup().entrySet()) {
            ObjectNode group = groups.addObject();
            group.put("group", g.getKey());
            group.put("lag", g.getValue());
            LagRate rate = report.rates().get(g.getKey());
            if (rate != null) {
                group.put("ratePerSecond", rate.perSecond());
                group.put("direction", rate.direction().name().toLowerCase(java.util.Locale.ROOT));
                if (rate.timeToDrain().isPresent()) {
                    group.put("drainSeconds", rate.timeToDrain().get().toMillis() / 1000.0);
                } else {
                    group.putNull("drainSeconds");
                }
            }
            if (report.maxLag().isPresent()) {
                group.put("overMaxLag", report.groupsOverMaxLag().contains(g.getKey()));
            }
            ArrayNode partitions = group.putArray("partitions");
            for (PartitionLag p : s.partitionsOf(g.getKey())) {
                ObjectNode n = partitions.addObject();
                n.put("topic", p.topic());
                n.put("partition", p.partition());
                if (p.committed().isPresent()) {
                    n.put("committed", p.committed().getAsLong());
                } else {
                    n.putNull("committed");
                }
                n.put("start", p.start());
                n.put("end", p.end());
                n.put("lag", p.lag());
            }
            ObjectNode topics = group.putObject("topics");
            s.lagByTopic(g.getKey()).forEach(topics::put);
        }
        return root.toString();
    }
}
