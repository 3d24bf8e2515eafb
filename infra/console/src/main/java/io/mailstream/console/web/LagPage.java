package io.mailstream.console.web;

import io.javalin.http.Context;
import io.mailstream.console.health.HealthProbe;
import io.mailstream.console.lag.DrainEstimator;
import io.mailstream.console.lag.GroupHealth;
import io.mailstream.console.lag.LagRow;
import io.mailstream.console.lag.LagSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Consumer lag per group, topic and partition, with the member that owns each partition; above it
 * each service's readiness as the cluster sees it (members holding its partitions, progress) and
 * its drain ETA. A service's HTTP readiness ({@code /health/ready}) is not asked: the console knows
 * only what Kafka knows.
 */
final class LagPage {
    /** The groups of the services the page always names, seen or not. */
    private static final List<String> EXPECTED = List.of("mailstream-dispatcher", "mailstream-bounce-processor", "mailstream-api-status");

    private final LagSource source;
    private final Views views;
    private final DrainEstimator drain;
    private final HealthProbe probe;

    LagPage(LagSource source, Views views, Clock clock, HealthProbe health) {
        this.source = source;
        this.views = views;
        this.drain = new DrainEstimator(clock);
        this.probe = health;
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
        List<GroupHealth> health = drain.observe(rows);
        List<Map<String, Object>> services = new ArrayList<>();
        for (GroupHealth h : health) {
            services.add(Map.of("service", h.service(), "group", h.group(),
                    "readiness", h.readiness().name().toLowerCase(Locale.ROOT),
                    "members", h.members(), "partitions", h.partitions(), "unowned", h.unowned(), "lag", h.lag(),
                    "rate", h.ratePerSecond().map(Views::rate).orElse("–"),
                    "eta", h.drainEta().map(Views::duration)
                            .orElse(h.ratePerSecond().isEmpty() ? "measuring (needs a second reading)" : "not draining")));
        }
        for (String group : EXPECTED) {
            if (health.stream().noneMatch(h -> h.group().equals(group))) {
                services.add(Map.of("service", DrainEstimator.serviceOf(group), "group", group, "readiness", "unknown",
                        "members", "–", "partitions", "–", "unowned", "–", "lag", "–", "rate", "–",
                        "eta", "no committed position: not started, or nothing consumed yet"));
            }
        }
        List<Map<String, Object>> probed = probe.probe().stream().map(h -> Map.<String, Object>of("name", h.name(), "url", h.url(),
                "status", h.status().name().toLowerCase(Locale.ROOT).replace('_', ' '), "detail", h.detail())).toList();
        return views.fragment("lag-table", Map.of("groups", groups, "services", services, "health", probed,
                "healthConfigured", probe.configured()));
    }
}
