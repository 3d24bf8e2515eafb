package io.mailstream.bounces.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.suppress.ManualSuppressions;
import io.mailstream.bounces.suppress.SuppressionCsv;
import io.mailstream.bounces.suppress.SuppressionTopicException;
import io.mailstream.bounces.suppress.SuppressionWriter;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /suppressions}: check ({@code GET /suppressions/{address}}), list
 * ({@code GET /suppressions?limit=&after=}), add ({@code POST /suppressions}), remove
 * ({@code DELETE /suppressions/{address}}, a tombstone) and export
 * ({@code GET /suppressions/export?format=ndjson|csv}). Reads come from the topology's global
 * store, writes go to {@code mail.suppressions} like {@code mailstream suppress add|remove}, so a
 * write shows in reads once the store has consumed it (normally milliseconds).
 */
final class SuppressionsHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionsHandler.class);
    static final String PATH = "/suppressions";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> LIST_PARAMS = Set.of("limit", "after");

    private final SuppressionView view;
    private final SuppressionWriter writer;
    private final BearerToken token;
    private final JsonExchange out;
    private final Clock clock;
    private final java.time.Duration bodyTimeout;

    SuppressionsHandler(SuppressionView view, SuppressionWriter writer, BearerToken token, JsonExchange out, Clock clock,
                        java.time.Duration bodyTimeout) {
        this.view = view;
        this.writer = writer;
        this.token = token;
        this.out = out;
        this.clock = clock;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!token.allows(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"mailstream-bounces\"");
                out.error(exchange, 401, "this API needs its token: Authorization: Bearer <token> (see --http-token)");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PATH) || path.equals(PATH + "/")) {
                switch (method) {
                    case "GET" -> list(exchange);
                    case "POST" -> add(exchange);
                    default -> notAllowed(exchange, "GET, POST", "use GET to list suppressions or POST to add one");
                }
            } else if (path.equals(PATH + "/export")) {
                if (method.equals("GET")) {
                    export(exchange);
                } else {
                    notAllowed(exchange, "GET", "use GET to export the suppressions in force");
                }
            } else if (path.startsWith(PATH + "/")) {
                String raw = path.substring(PATH.length() + 1);
                switch (method) {
                    case "GET" -> check(exchange, raw);
                    case "DELETE" -> remove(exchange, raw);
                    default -> notAllowed(exchange, "GET, DELETE", "use GET to check an address or DELETE to lift its suppression");
                }
            } else {
                out.error(exchange, 404, "no such endpoint: " + path + "; see /suppressions");
            }
        } catch (SuppressionView.NotQueryableException e) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            out.error(exchange, 503, e.getMessage() + "; retry shortly");
        } catch (SuppressionTopicException e) {
            LOG.warn("{}", e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", "1");
            out.error(exchange, 503, "the change was not acknowledged by Kafka; it may or may not be stored, repeat the request");
        } catch (QueryString.MalformedQueryException e) {
            out.error(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            out.error(exchange, 500, "internal error");
        }
    }

    private void check(HttpExchange exchange, String raw) throws IOException, SuppressionView.NotQueryableException {
        Optional<EmailAddress> address = address(exchange, raw, "path");
        if (address.isEmpty()) {
            return;
        }
        Optional<Suppression> s = view.find(address.get().normalized());
        if (s.isEmpty()) {
            out.error(exchange, 404, address.get().normalized() + " is not suppressed");
            return;
        }
        out.respond(exchange, 200, SuppressionJson.of(out.mapper(), s.get(), clock.instant()));
    }

    private void list(HttpExchange exchange) throws IOException, SuppressionView.NotQueryableException {
        QueryString q = QueryString.parse(exchange.getRequestURI().getRawQuery());
        for (String name : q.names()) {
            if (!LIST_PARAMS.contains(name)) {
                out.error(exchange, 400, "unknown query parameter '" + name + "'; use limit (1-" + MAX_LIMIT + ") and after (an address)");
                return;
            }
        }
        int limit = DEFAULT_LIMIT;
        if (q.get("limit").isPresent()) {
            try {
                limit = Integer.parseInt(q.get("limit").get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                out.error(exchange, 400, "query parameter limit must be a number from 1 to " + MAX_LIMIT + ", was '"
                        + printable(q.get("limit").get()) + "'");
                return;
            }
        }
        Optional<String> after = Optional.empty();
        if (q.get("after").isPresent()) {
            Optional<EmailAddress> a = address(exchange, q.get("after").get(), "query parameter after");
            if (a.isEmpty()) {
                return;
            }
            after = Optional.of(a.get().normalized());
        }
        // one more than asked tells whether there is a next page without a second query
        List<Suppression> page = view.page(after, limit + 1);
        Instant now = clock.instant();
        ObjectNode body = out.mapper().createObjectNode();
        ArrayNode items = body.putArray("items");
        for (Suppression s : page.subList(0, Math.min(limit, page.size()))) {
            items.add(SuppressionJson.of(out.mapper(), s, now));
        }
        if (page.size() > limit) {
            body.put("next", page.get(limit - 1).getAddress());
        } else {
            body.putNull("next");
        }
        out.respond(exchange, 200, body);
    }

    private void add(HttpExchange exchange) throws IOException {
        RequestBody.Result read = RequestBody.read(exchange, MAX_BODY_BYTES, bodyTimeout);
        if (read instanceof RequestBody.TooLarge) {
            exchange.getResponseHeaders().set("Connection", "close");
            out.error(exchange, 413, "body is larger than " + MAX_BODY_BYTES + " bytes; nothing was written");
            return;
        }
        if (read instanceof RequestBody.TimedOut t) {
            exchange.getResponseHeaders().set("Connection", "close");
            out.error(exchange, 408, "the body did not arrive within " + t.after().toSeconds() + " s; nothing was written, send it again");
            return;
        }
        byte[] body = ((RequestBody.Read) read).bytes();
        Instant now = clock.instant();
        AddRequest.Parsed parsed = AddRequest.parse(out.mapper(), body, now);
        if (parsed instanceof AddRequest.Invalid invalid) {
            out.invalid(exchange, invalid.errors());
            return;
        }
        AddRequest r = ((AddRequest.Valid) parsed).request();
        Suppression s = ManualSuppressions.of(r.address(), r.reason(), SuppressionSource.MANUAL, now, r.expiresAt());
        writer.put(s);
        exchange.getResponseHeaders().set("Location", PATH + "/" + r.address().normalized());
        out.respond(exchange, 201, SuppressionJson.of(out.mapper(), s, now));
    }

    private void remove(HttpExchange exchange, String raw) throws IOException {
        Optional<EmailAddress> address = address(exchange, raw, "path");
        if (address.isEmpty()) {
            return;
        }
        // a tombstone whether or not the address is suppressed: DELETE is idempotent
        writer.remove(address.get());
        out.noContent(exchange);
    }

    private void export(HttpExchange exchange) throws IOException, SuppressionView.NotQueryableException {
        QueryString q = QueryString.parse(exchange.getRequestURI().getRawQuery());
        String format = q.get("format").orElse("ndjson");
        if (!format.equals("ndjson") && !format.equals("csv")) {
            out.error(exchange, 400, "query parameter format must be ndjson or csv, was '" + printable(format) + "'");
            return;
        }
        view.page(Optional.empty(), 1); // fails with 503 now, while an error can still be answered
        Instant now = clock.instant();
        boolean csv = format.equals("csv");
        exchange.getResponseHeaders().set("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0); // streamed (chunked): the table may be large
        try (Writer w = new BufferedWriter(new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8))) {
            if (csv) {
                w.write(SuppressionCsv.HEADER + "\r\n");
            }
            view.forEach((key, s) -> {
                if (!ManualSuppressions.isActive(s, now)) {
                    return;
                }
                try {
                    w.write(csv ? SuppressionCsv.line(key, s) + "\r\n"
                            : out.mapper().writeValueAsString(SuppressionJson.of(out.mapper(), s, now)) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            LOG.debug("export aborted: {}", e.getMessage()); // the client went away
        } catch (SuppressionView.NotQueryableException e) {
            // headers are sent: all that can be done is to end the stream early (a rebalance began)
            LOG.warn("export cut short: {}", e.getMessage());
        }
    }

    /** The parsed address, or empty after answering 400 naming where the bad address was. */
    private Optional<EmailAddress> address(HttpExchange exchange, String raw, String where) throws IOException {
        try {
            return Optional.of(EmailAddress.parse(raw));
        } catch (InvalidAddressException e) {
            out.error(exchange, 400, e.getMessage() + " (in the " + where + "); give one address such as a@example.com, URL-encoded");
            return Optional.empty();
        }
    }

    private void notAllowed(HttpExchange exchange, String allow, String message) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        out.error(exchange, 405, message);
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
