package io.mailstream.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.mailstream.console.state.CampaignRow;
import io.mailstream.console.state.DomainRow;
import io.mailstream.console.state.PipelineState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bounce, complaint and unsubscribe rates per campaign and bounce rates per provider, with the
 * bulk-sender complaint lines of Gmail and Yahoo (0.1 % to stay under, 0.3 % never to reach).
 */
final class DeliverabilityPage {
    static final double COMPLAINT_LINE = 0.001;
    static final double COMPLAINT_LIMIT = 0.003;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineState state;
    private final Views views;

    DeliverabilityPage(PipelineState state, Views views) {
        this.state = state;
        this.views = views;
    }

    void page(Context ctx) {
        List<CampaignRow> campaigns = state.campaigns();
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CampaignRow c : campaigns) {
            double complaints = c.complaintRate();
            if (complaints >= COMPLAINT_LIMIT) {
                warnings.add(c.name() + ": complaint rate " + Views.percent(complaints) + " is over 0.3 %: pause it and find the cause");
            } else if (complaints >= COMPLAINT_LINE) {
                warnings.add(c.name() + ": complaint rate " + Views.percent(complaints) + " crossed 0.1 %");
            }
            Map<String, Object> m = new HashMap<>();
            m.put("id", c.id());
            m.put("name", c.name());
            m.put("delivered", c.delivered());
            m.put("bounceRate", Views.percent(c.bounceRate()));
            m.put("complaintRate", Views.percent(complaints));
            m.put("unsubscribeRate", Views.percent(c.unsubscribeRate()));
            m.put("over", complaints >= COMPLAINT_LINE);
            rows.add(m);
        }
        List<Map<String, Object>> mailboxProviders = mailboxProviders(warnings);
        ctx.html(views.page("Deliverability", "deliverability", "deliverability",
                Map.of("campaigns", rows, "warnings", warnings, "providers", providers(), "mailboxProviders", mailboxProviders,
                        "hasMailboxProviders", !mailboxProviders.isEmpty(), "decisions", decisions(),
                        "hasDecisions", !state.guardDecisions().isEmpty())));
    }

    /** The guard's own counts per mailbox provider over every campaign: the complaint rate providers judge a sender by. */
    private List<Map<String, Object>> mailboxProviders(List<String> warnings) {
        List<Map<String, Object>> out = new ArrayList<>();
        state.providers().forEach((provider, n) -> {
            double complaints = n.complaintRate();
            if (complaints >= COMPLAINT_LINE && n.delivered() > 0) {
                warnings.add("provider " + provider + ": complaint rate " + Views.percent(complaints) + " over all campaigns"
                        + (complaints >= COMPLAINT_LIMIT ? " is over 0.3 %" : " crossed 0.1 %"));
            }
            Map<String, Object> m = new HashMap<>();
            m.put("provider", provider);
            m.put("delivered", n.delivered());
            m.put("bounced", n.bounced());
            m.put("complaints", n.complaints());
            m.put("complaintRate", Views.percent(complaints));
            m.put("bounceRate", Views.percent(n.hardBounceRate()));
            m.put("over", complaints >= COMPLAINT_LINE);
            out.add(m);
        });
        return out;
    }

    private List<Map<String, Object>> decisions() {
        return state.guardDecisions().stream().map(d -> Map.<String, Object>of("campaign", d.getCampaignId(),
                "provider", d.getProvider(), "rule", d.getRule(), "rate", Views.percent(d.getRate()), "line", Views.percent(d.getLine()),
                "count", d.getCount(), "base", d.getBase(), "scope", d.getWholeCampaign() ? "whole campaign" : "provider only",
                "decidedAt", d.getDecidedAt().toString())).toList();
    }

    private List<Map<String, Object>> providers() {
        Map<String, long[]> byProvider = new TreeMap<>();
        for (DomainRow d : state.domains()) {
            long[] t = byProvider.computeIfAbsent(d.provider(), k -> new long[3]);
            t[0]++;
            t[1] += d.delivered();
            t[2] += d.bounced();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byProvider.forEach((p, t) -> out.add(Map.of("provider", p, "domains", t[0], "delivered", t[1], "bounced", t[2],
                "bounceRate", Views.percent(t[1] + t[2] == 0 ? 0 : t[2] / (double) (t[1] + t[2])))));
        return out;
    }

    void chart(Context ctx) throws Exception {
        List<CampaignRow> campaigns = state.campaigns();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaigns", campaigns.stream().map(CampaignRow::name).toList());
        data.put("complaintPercent", campaigns.stream().map(c -> c.complaintRate() * 100).toList());
        data.put("bouncePercent", campaigns.stream().map(c -> c.bounceRate() * 100).toList());
        data.put("unsubscribePercent", campaigns.stream().map(c -> c.unsubscribeRate() * 100).toList());
        ctx.contentType("application/json").result(JSON.writeValueAsString(data));
    }
}
