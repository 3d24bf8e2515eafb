package io.mailstream.console.web;

import io.mailstream.console.state.CampaignDetail;
import io.mailstream.console.state.CampaignRow;
import io.mailstream.console.state.EngagementCounts;
import io.mailstream.console.state.GuardHoldRow;
import io.mailstream.console.state.ProviderCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The template model of a campaign's engagement, guard holds and per-provider rates. */
final class CampaignDetailModel {
    private CampaignDetailModel() {
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }

    static Map<String, Object> of(CampaignDetail d, CampaignRow row, boolean canAct) {
        Map<String, Object> m = new HashMap<>();
        EngagementCounts e = d.engagement();
        m.put("clicks", e.clicks());
        // one message per recipient in a campaign: the messages with a human click are its clickers (campaign status --clickers)
        m.put("clickers", e.uniqueClicks());
        m.put("uniqueClicks", e.uniqueClicks());
        m.put("opens", e.opens());
        m.put("uniqueOpens", e.uniqueOpens());
        m.put("machineClicks", e.machineClicks());
        m.put("machineOpens", e.machineOpens());
        m.put("clickRate", Views.percent(ratio(e.uniqueClicks(), row.delivered())));
        m.put("openRate", Views.percent(ratio(e.uniqueOpens(), row.delivered())));
        m.put("links", e.links().stream().map(l -> Map.of("index", l.index(), "url", l.url() == null ? "(unknown)" : l.url(),
                "clicks", l.clicks(), "uniqueClicks", l.uniqueClicks())).toList());
        m.put("hasLinks", !e.links().isEmpty());
        m.put("hasProviders", !d.byProvider().isEmpty());
        List<Map<String, Object>> holds = new ArrayList<>();
        boolean finalState = "done".equals(row.state()) || "cancelled".equals(row.state());
        for (GuardHoldRow h : d.holds()) {
            Map<String, Object> x = new HashMap<>();
            x.put("provider", h.provider());
            x.put("rule", h.rule());
            x.put("rate", Views.percent(h.rate()));
            x.put("line", Views.percent(h.line()));
            x.put("count", h.count());
            x.put("base", h.base());
            x.put("baseName", h.rule().startsWith("complaint") ? "delivered" : "attempted");
            x.put("scope", h.wholeCampaign() ? "whole campaign paused" : "held at " + h.provider());
            x.put("decidedAt", h.decidedAt().toString());
            x.put("held", h.held());
            x.put("resumedAt", h.resumedAt().map(Object::toString).orElse(""));
            // a whole-campaign pause is released by Resume; a provider's hold by its own button
            x.put("canResume", canAct && h.held() && !h.wholeCampaign() && !finalState);
            holds.add(x);
        }
        m.put("holds", holds);
        m.put("hasHolds", !holds.isEmpty());
        boolean windowed = d.windowed().window() != null;
        m.put("windowed", windowed);
        m.put("window", windowed ? Views.duration(d.windowed().window()) : "");
        m.put("providers", d.byProvider().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(en -> {
            Map<String, Object> p = new HashMap<>(Map.of(
                    "provider", en.getKey(), "delivered", en.getValue().delivered(), "bounced", en.getValue().bounced(),
                    "complaints", en.getValue().complaints(), "complaintRate", Views.percent(en.getValue().complaintRate()),
                    "bounceRate", Views.percent(en.getValue().hardBounceRate())));
            ProviderCount w = d.windowed().byProvider().getOrDefault(en.getKey(), ProviderCount.NONE);
            p.put("windowComplaintRate", Views.percent(w.complaintRate()));
            p.put("windowBounceRate", Views.percent(w.hardBounceRate()));
            p.put("windowDelivered", w.delivered());
            return p;
        }).toList());
        return m;
    }
}
