package io.mailstream.bounces.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.GuardHold;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How {@code campaign status} shows the campaign guard's brakes (the record's {@code guardHolds}). */
final class GuardHolds {
    private GuardHolds() {
    }

    /** One object per provider: provider, held, rule, rate, line, count, base, wholeCampaign, decidedAt, resumedAt. */
    static ArrayNode json(Campaign c, ObjectMapper json) {
        ArrayNode out = json.createArrayNode();
        holds(c).forEach((provider, h) -> {
            var o = out.addObject().put("provider", provider).put("held", h.getResumedAt() == null).put("rule", h.getRule())
                    .put("rate", h.getRate()).put("line", h.getLine()).put("count", h.getCount()).put("base", h.getBase())
                    .put("wholeCampaign", h.getWholeCampaign()).put("decidedAt", h.getDecidedAt().toString());
            o.put("resumedAt", h.getResumedAt() == null ? null : h.getResumedAt().toString());
        });
        return out;
    }

    /** Text lines, one per provider, saying how to resume a held one. */
    static List<String> lines(Campaign c) {
        List<String> out = new ArrayList<>();
        holds(c).forEach((provider, h) -> {
            String what = String.format(Locale.ROOT, "%s %.3f %% reached the line %.3f %% (%d of %d %s) at %s", h.getRule(),
                    100 * h.getRate(), 100 * h.getLine(), h.getCount(), h.getBase(),
                    h.getRule().startsWith("complaint") ? "delivered" : "attempted", h.getDecidedAt());
            out.add(h.getResumedAt() == null
                    ? "  guard: " + (h.getWholeCampaign() ? "campaign paused" : "held") + " at " + provider + ": " + what
                            + "; resume with: mailstream campaign resume " + c.getId()
                            + (h.getWholeCampaign() ? "" : " --provider " + provider)
                    : "  guard: was held at " + provider + ": " + what + "; resumed at " + h.getResumedAt());
        });
        return out;
    }

    private static Map<String, GuardHold> holds(Campaign c) {
        return c == null || c.getGuardHolds() == null ? Map.of() : new TreeMap<>(c.getGuardHolds());
    }
}
