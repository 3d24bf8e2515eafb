package io.mailstream.console.web;

import io.javalin.http.Context;
import io.mailstream.console.suppress.SuppressionApiException;
import io.mailstream.console.suppress.SuppressionClient;
import io.mailstream.console.suppress.SuppressionLookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Look up, export and remove suppressions through the bounce processor's API (and its token). */
final class SuppressionPages {
    private final Optional<SuppressionClient> client;
    private final Views views;

    SuppressionPages(Optional<SuppressionClient> client, Views views) {
        this.client = client;
        this.views = views;
    }

    void page(Context ctx) {
        Map<String, Object> m = new HashMap<>();
        m.put("enabled", client.isPresent());
        String address = Optional.ofNullable(ctx.queryParam("address")).map(String::strip).orElse("");
        m.put("address", address);
        if (client.isPresent() && !address.isEmpty()) {
            if (!address.contains("@")) {
                m.put("error", "'" + address + "' is not an address: give it as local@domain");
            } else {
                try {
                    SuppressionLookup l = client.get().lookup(address);
                    m.put("looked", true);
                    m.put("found", l.entry().isPresent());
                    for (String f : new String[] {"reason", "source", "firstSeen", "lastSeen", "active"}) {
                        m.put(f, l.field(f));
                    }
                    m.put("expiresAt", l.field("expiresAt").isEmpty() || "null".equals(l.field("expiresAt")) ? "never" : l.field("expiresAt"));
                } catch (SuppressionApiException e) {
                    m.put("error", e.getMessage());
                }
            }
        }
        ctx.html(views.page("Suppressions", "suppressions", "suppressions", m));
    }

    void remove(Context ctx) {
        String address = Optional.ofNullable(ctx.formParam("address")).map(String::strip).orElse("");
        if (client.isEmpty() || !address.contains("@")) {
            ctx.status(400).html(views.fragment("action-result", Map.of("ok", false, "message", "no address to remove")));
            return;
        }
        try {
            boolean removed = client.get().remove(address);
            ctx.html(views.fragment("action-result", Map.of("ok", true,
                    "message", removed ? address + " is no longer suppressed" : address + " was not suppressed")));
        } catch (SuppressionApiException e) {
            ctx.status(502).html(views.fragment("action-result", Map.of("ok", false, "message", e.getMessage())));
        }
    }

    void export(Context ctx) {
        if (client.isEmpty()) {
            ctx.status(404).result("the console was started without --suppressions-url");
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"suppressions.csv\"");
        ctx.contentType("text/csv").result(client.get().exportCsv());
    }
}
