package io.mailstream.console.web;

import io.javalin.http.Context;
import io.mailstream.console.state.MessageEvent;
import io.mailstream.console.state.PipelineState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A transactional message by id: its delivery events in the order they were written, with their SMTP replies. */
final class MessagePage {
    private final PipelineState state;
    private final Views views;

    MessagePage(PipelineState state, Views views) {
        this.state = state;
        this.views = views;
    }

    void page(Context ctx) {
        String id = Optional.ofNullable(ctx.queryParam("id")).map(String::strip).orElse("");
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("kept", PipelineState.MAX_TRANSACTIONAL_MESSAGES);
        if (!id.isEmpty()) {
            List<Map<String, Object>> events = state.messageEvents(id).stream().map(MessagePage::model).toList();
            m.put("looked", true);
            m.put("hasEvents", !events.isEmpty());
            m.put("events", events);
        }
        ctx.html(views.page("Transactional message", "messages", "messages", m));
    }

    private static Map<String, Object> model(MessageEvent e) {
        String reply = (e.replyCode().map(c -> c + " ").orElse("") + e.enhancedCode().map(c -> c + " ").orElse("")
                + e.replyText().orElse("")).strip();
        return Map.of("at", e.at().toString(), "outcome", e.outcome(), "attempt", e.attempt(), "reply", reply,
                "remoteHost", e.remoteHost().orElse(""), "dispatcher", e.dispatcherId());
    }
}
