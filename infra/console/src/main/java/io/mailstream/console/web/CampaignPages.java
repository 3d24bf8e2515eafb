package io.mailstream.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.mailstream.console.state.CampaignRow;
import io.mailstream.console.state.PipelineState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The campaigns list, a campaign's detail with its chart, and its pause/resume/cancel buttons. */
final class CampaignPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHART_SECONDS = 300;

    private final PipelineState state;
    private final Views views;
    private final Optional<CampaignActions> actions;

    CampaignPages(PipelineState state, Views views, Optional<CampaignActions> actions) {
        this.state = state;
        this.views = views;
        this.actions = actions;
    }

    void list(Context ctx) {
        ctx.html(views.page("Campaigns", "campaigns", "campaigns", Map.of("table", table())));
    }

    void table(Context ctx) {
        ctx.html(table());
    }

    private String table() {
        return views.fragment("campaigns-table", Map.of("rows", state.campaigns().stream().map(CampaignPages::model).toList()));
    }

    void detail(Context ctx) {
        CampaignRow row = find(ctx);
        ctx.html(views.page("Campaign " + row.name(), "campaigns", "campaign",
                Map.of("id", row.id(), "summary", summary(row))));
    }

    void summary(Context ctx) {
        ctx.html(summary(find(ctx)));
    }

    private String summary(CampaignRow row) {
        Map<String, Object> m = model(row);
        m.put("stateVersion", row.stateVersion());
        m.put("expired", row.expired());
        m.put("unsubscribes", row.unsubscribes());
        m.put("rejected", row.rejected());
        m.put("cancelled", row.cancelled());
        m.put("reasons", new TreeMap<>(row.bouncedByReason()).entrySet().stream()
                .map(e -> Map.of("reason", e.getKey(), "count", e.getValue())).toList());
        state.campaignDetail(row.id()).ifPresent(d -> m.putAll(CampaignDetailModel.of(d, row, actions.isPresent())));
        boolean changeable = actions.isPresent() && row.stateVersion() >= 0;
        m.put("canPause", changeable && "sending".equals(row.state()));
        m.put("canResume", changeable && "paused".equals(row.state()));
        m.put("canCancel", changeable && row.isActive());
        return views.fragment("campaign-summary", m);
    }

    void rate(Context ctx) throws Exception {
        CampaignRow row = find(ctx);
        List<long[]> points = state.ratePoints(row.id(), CHART_SECONDS);
        ctx.contentType("application/json").result(JSON.writeValueAsString(Map.of("campaign", row.id(), "points", points)));
    }

    /** POST: the action and the state version the page showed; a refusal is shown, not thrown. */
    void changeState(Context ctx) {
        CampaignRow row = find(ctx);
        CampaignActions.Result result;
        if (actions.isEmpty()) {
            result = new CampaignActions.Result(false, "this console is read-only (started without a schema registry to write with)");
        } else {
            long version;
            try {
                version = Long.parseLong(String.valueOf(ctx.formParam("version")));
            } catch (NumberFormatException e) {
                ctx.status(400);
                result = new CampaignActions.Result(false, "the form sent no state version; reload the page");
                ctx.html(views.fragment("action-result", Map.of("ok", false, "message", result.message())));
                return;
            }
            result = actions.get().apply(row.id(), String.valueOf(ctx.formParam("action")), version);
        }
        ctx.status(result.ok() ? 200 : 409).html(views.fragment("action-result", Map.of("ok", result.ok(), "message", result.message())));
    }

    /** POST: release the guard's hold of one provider ({@code campaign resume ID --provider P}). */
    void resumeProvider(Context ctx) {
        CampaignRow row = find(ctx);
        String provider = ctx.pathParam("provider");
        CampaignActions.Result result = actions.map(a -> a.resumeProvider(row.id(), provider))
                .orElse(new CampaignActions.Result(false, "this console is read-only (started without a schema registry to write with)"));
        ctx.status(result.ok() ? 200 : 409).html(views.fragment("action-result", Map.of("ok", result.ok(), "message", result.message())));
    }

    private CampaignRow find(Context ctx) {
        String id = ctx.pathParam("id");
        return state.campaign(id).orElseThrow(() -> new NotFoundResponse("no campaign " + id + " in mail.campaigns or its events"));
    }

    static Map<String, Object> model(CampaignRow r) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("state", r.state());
        m.put("progress", r.progressPercent());
        m.put("finished", r.finished());
        m.put("expected", r.expected().map(String::valueOf).orElse("?"));
        m.put("delivered", r.delivered());
        m.put("deferred", r.deferred());
        m.put("bounced", r.bounced());
        m.put("complaints", r.complaints());
        m.put("suppressed", r.suppressed());
        m.put("rate", Views.rate(r.ratePerSecond()));
        m.put("eta", r.eta().map(Views::duration).orElse(r.state().equals("done") ? "done" : "–"));
        return m;
    }
}
