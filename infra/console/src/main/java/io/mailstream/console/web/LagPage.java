package io.mailstream.console.web;

import io.javalin.http.Context;
import io.mailstream.console.lag.LagRow;
import io.mailstream.console.lag.LagSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Consumer lag per group, topic and partition, with the member that owns each partition. */
final class LagPage {
    private final LagSource source;
    private final Views views;

    LagPage(LagSource source, Views views) {
        this.source = source;
        this.views = views;
    }

    void page(Context ctx) {
        ctx.html(views.page("Lag and owners", "lag", "lag", Map.of("table", table())));
    }

    void table(Context ctx) {
        ctx.html(table());
    }

    private String table() {
        List<LagRow> rows;
        try {
            rows = source.read();
        } catch (RuntimeException e) {
            return views.fragment("lag-table", Map.of("error", "cannot read lag: " + e.getMessage()));
        }
        Map<String, List<LagRow>> byGroup = rows.stream().collect(Collectors.groupingBy(LagRow::group, TreeMap::new, Collectors.toList()));
        List<Map<String, Object>> groups = new ArrayList<>();
        byGroup.forEach((group, list) -> groups.add(Map.of("group", group,
                "total", list.stream().mapToLong(LagRow::lag).sum(),
                "rows", list.stream().sorted(Comparator.comparing(LagRow::topic).thenComparingInt(LagRow::partition))
                        .map(r -> Map.of("topic", r.topic(), "partition", r.partition(),
                                "committed", r.committed().isPresent() ? String.valueOf(r.committed().getAsLong()) : "–",
                                "end", r.end(), "lag", r.lag(), "owner", r.owner().orElse("(unassigned)")))
                        .toList())));
        return views.fragment("lag-table", Map.of("groups", groups));
    }
}
