package io.mailstream.bounces.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The small HTML pages of one-click unsubscribe: no script, no external resource, never cached or framed. */
final class OneClickPages {
    private OneClickPages() {
    }

    static String confirm(String maskedAddress, String campaign, String action) {
        return page("Unsubscribe", "<h1>Unsubscribe?</h1>"
                + "<p>" + escape(maskedAddress) + " will no longer get mail from " + escape(campaign) + ".</p>"
                + "<form method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    static String done(String maskedAddress) {
        return page("Unsubscribed", "<h1>You are unsubscribed</h1><p>" + escape(maskedAddress)
                + " will no longer get this mail. You can close this page.</p>");
    }

    static String problem(String title, String text) {
        return page(title, "<h1>" + escape(title) + "</h1><p>" + escape(text) + "</p>");
    }

    static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "text/html; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("Referrer-Policy", "no-referrer"); // the token is in the URL
        h.set("X-Frame-Options", "DENY");
        h.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code a***@example.org}: enough for the person to recognise, little for anyone else. */
    static String mask(String address) {
        int at = address.lastIndexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title><style>body{font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em}"
                + "button{font-size:1.1em;padding:.5em 1.5em}</style></head><body>" + body + "</body></html>";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
