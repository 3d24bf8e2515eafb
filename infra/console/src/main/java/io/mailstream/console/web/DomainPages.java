package io.mailstream.console.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.mailstream.console.health.DestinationLive;
import io.mailstream.console.health.DispatcherPools;
import io.mailstream.console.health.FleetDestinations;
import io.mailstream.console.health.HealthProbe;
import io.mailstream.console.state.DomainRow;
import io.mailstream.console.state.PipelineState;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Destination domains: a sortable, filterable table and one domain's detail. */
final class DomainPages {
    /** Rows drawn per table: a phone or a laptop cannot show 10 000 rows usefully; the filter narrows. */
    static final int MAX_ROWS = 500;
    private static final List<String> SORTS = List.of("bounced", "deferred", "delivered", "domain", "provider", "bounce-rate");

    private final PipelineState state;
    private final Views views;

    private final HealthProbe probe;

    DomainPages(PipelineState state, Views views, HealthProbe probe) {
        this.state = state;
        this.views = views;
        this.probe = probe;
    }

    void list(Context ctx) {
        String sort = sort(ctx);
        Map<String, Object> m = new HashMap<>();
        m.put("filter", filter(ctx));
        m.put("sorts", SORTS.stream().map(s -> Map.of("value", s, "selected", s.equals(sort))).toList());
        List<DispatcherPools> pools = probe.pools();
        FleetDestinations fleet = FleetDestinations.merge(pools);
        m.put("table", render(ctx, fleet));
        List<Map<String, Object>> warmup = state.warmup().stream().map(w -> Map.<String, Object>of("schedule", w.schedule(),
                "day", w.day(), "partitions", w.partitions(), "sentToday", w.sentToday(), "hour", w.hour(),
                "sentThisHour", w.sentThisHour(), "waiting", w.waiting(), "lent", w.lent(),
                "lastWaitAt", w.lastWaitAt().map(Instant::toString).orElse("–"), "updatedAt", w.updatedAt().toString())).toList();
        m.put("warmup", warmup);
        m.put("hasWarmup", !warmup.isEmpty());
        m.put("metricsConfigured", probe.configured());
        m.put("dispatchers", pools.stream().map(DomainPages::pools).toList());
        m.put("destinations", fleet.destinations().stream().map(DomainPages::live).toList());
        m.put("hasDestinations", !fleet.destinations().isEmpty());
        m.put("hasWarmupLive", !fleet.warmups().isEmpty());
        m.put("warmupLive", fleet.warmups().stream().map(w -> Map.of("schedule", w.schedule(), "pool", w.pool(),
                "day", whole(w.day(), "over"), "perDay", whole(w.budgetPerDay(), "–"), "perHour", whole(w.budgetPerHour(), "–"))).toList());
        ctx.html(views.page("Domains and providers", "domains", "domains", m));
    }

    void table(Context ctx) {
        ctx.html(render(ctx, FleetDestinations.merge(probe.pools())));
    }

    private String render(Context ctx, FleetDestinations fleet) {
        String filter = filter(ctx).toLowerCase(Locale.ROOT);
        List<DomainRow> all = state.domains();
        Instant now = state.now();
        List<Map<String, Object>> rows = all.stream()
                .filter(d -> filter.isEmpty() || d.domain().contains(filter) || d.provider().contains(filter))
                .sorted(comparator(sort(ctx))).limit(MAX_ROWS).map(d -> withLive(model(d, now), fleet.forDomain(d.destinations())))
                .toList();
        return views.fragment("domains-table", Map.of("rows", rows, "shown", rows.size(), "total", all.size()));
    }

    void detail(Context ctx) {
        String name = ctx.pathParam("domain");
        DomainRow d = state.domain(name).orElseThrow(() -> new NotFoundResponse("no event for domain " + name + " yet"));
        Map<String, Object> m = withLive(model(d, state.now()), FleetDestinations.merge(probe.pools()).forDomain(d.destinations()));
        m.put("metricsConfigured", probe.configured());
        m.put("until", d.suspendedUntil().filter(u -> u.isAfter(state.now())).map(Instant::toString).orElse(""));
        m.put("suspended", !m.get("until").equals("")); // an empty string is a true section in jmustache
        m.put("lastReplyAt", d.lastReplyAt().map(Instant::toString).orElse(""));
        m.put("deferrals", d.topDeferrals());
        m.put("bounces", d.topBounces());
        ctx.html(views.page("Domain " + d.domain(), "domains", "domain", m));
    }

    private static String filter(Context ctx) {
        String f = ctx.queryParam("filter");
        return f == null ? "" : f.strip();
    }

    private static String sort(Context ctx) {
        String s = ctx.queryParam("sort");
        return s != null && SORTS.contains(s) ? s : "bounced";
    }

    private static Comparator<DomainRow> comparator(String sort) {
        Comparator<DomainRow> byName = Comparator.comparing(DomainRow::domain);
        return switch (sort) {
            case "deferred" -> Comparator.comparingLong(DomainRow::deferred).reversed().thenComparing(byName);
            case "delivered" -> Comparator.comparingLong(DomainRow::delivered).reversed().thenComparing(byName);
            case "domain" -> byName;
            case "provider" -> Comparator.comparing(DomainRow::provider).thenComparing(byName);
            case "bounce-rate" -> Comparator.comparingDouble(DomainRow::bounceRate).reversed().thenComparing(byName);
            default -> Comparator.comparingLong(DomainRow::bounced).reversed().thenComparing(byName);
        };
    }

    private static Map<String, Object> model(DomainRow d, Instant now) {
        Map<String, Object> m = new HashMap<>();
        m.put("domain", d.domain());
        m.put("provider", d.provider());
        m.put("delivered", d.delivered());
        m.put("deferred", d.deferred());
        m.put("bounced", d.bounced());
        m.put("adaptive", d.adaptive(now));
        m.put("factor", d.rateFactor().map(f -> String.format(Locale.ROOT, "%.2f", f)).orElse("1.00"));
        m.put("circuit", d.circuit(now));
        m.put("lastReply", d.lastReply().orElse(""));
        return m;
    }

    /** The dispatchers' live figures for a domain row, {@code –} where none publishes the domain or its site. */
    private static Map<String, Object> withLive(Map<String, Object> m, Optional<DestinationLive> live) {
        m.put("live", live.isPresent());
        m.put("liveName", live.map(DestinationLive::destination).orElse(""));
        m.put("rateNow", live.map(DomainPages::rateNow).orElse("–"));
        m.put("connections", live.map(l -> Math.round(l.open()) + " / " + Math.round(l.max())).orElse("–"));
        m.put("liveCircuit", live.map(DomainPages::circuit).orElse("–"));
        return m;
    }

    private static Map<String, Object> live(DestinationLive l) {
        return Map.of("destination", l.destination(), "rateNow", rateNow(l), "open", Math.round(l.open()),
                "max", Math.round(l.max()), "circuit", circuit(l), "reporting", l.reporting());
    }

    private static String rateNow(DestinationLive l) {
        return l.rateLimit().isPresent() ? Views.rate(l.rateLimit().getAsDouble()) : "policy's";
    }

    private static String circuit(DestinationLive l) {
        return l.circuitOpen() == 0 ? "closed" : "open on " + l.circuitOpen() + " of " + l.reporting();
    }

    private static String whole(double v, String ifNaN) {
        return Double.isNaN(v) ? ifNaN : String.valueOf(Math.round(v));
    }

    private static Map<String, Object> pools(DispatcherPools p) {
        return Map.of("name", p.name(), "open", count(p.open()), "busy", count(p.busy()), "idle", count(p.idle()),
                "max", count(p.max()), "policies", p.policies().stream().map(r -> Map.of("policy", r.policy(),
                        "configured", perSecond(r.configuredPerSecond()), "allowed", perSecond(r.allowedPerSecond()),
                        "suspended", r.suspended() ? "cooling off" : "")).toList());
    }

    /** A policy without {@code max-per-second} publishes NaN: it has no limit. */
    private static String perSecond(double v) {
        return Double.isNaN(v) ? "no limit" : Views.rate(v);
    }

    private static String count(java.util.OptionalDouble v) {
        return v.isPresent() ? String.valueOf(Math.round(v.getAsDouble())) : "–";
    }
}
