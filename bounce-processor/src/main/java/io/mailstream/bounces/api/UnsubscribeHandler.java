package io.mailstream.bounces.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.suppress.ManualSuppressions;
import io.mailstream.bounces.suppress.SuppressionTopicException;
import io.mailstream.bounces.suppress.SuppressionWriter;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-click unsubscribe (RFC 8058): {@code POST /unsubscribe?address=<recipient>} with the body
 * {@code List-Unsubscribe=One-Click} suppresses the address permanently (source
 * {@code UNSUBSCRIBE}). Only POST acts: RFC 8058 §3.2 forbids unsubscribing on GET, which link
 * scanners and previews send. Campaign templates point their List-Unsubscribe URL here.
 */
final class UnsubscribeHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeHandler.class);
    static final String PATH = "/unsubscribe";
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final SuppressionWriter writer;
    private final JsonExchange out;
    private final Clock clock;

    UnsubscribeHandler(SuppressionWriter writer, JsonExchange out, Clock clock) {
        this.writer = writer;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                out.error(exchange, 404, "no such endpoint; one-click unsubscribe is POST " + PATH + "?address=...");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                out.error(exchange, 405, "unsubscribe with POST and the body " + ONE_CLICK + " (RFC 8058); GET does nothing");
                return;
            }
            Optional<String> raw = QueryString.parse(exchange.getRequestURI().getRawQuery()).get("address");
            if (raw.isEmpty()) {
                out.error(exchange, 400, "query parameter address is required: POST " + PATH + "?address=a%40example.com");
                return;
            }
            EmailAddress address;
            try {
                address = EmailAddress.parse(raw.get());
            } catch (InvalidAddressException e) {
                out.error(exchange, 400, e.getMessage() + " (in query parameter address)");
                return;
            }
            String body = new String(exchange.getRequestBody().readNBytes(1024), StandardCharsets.UTF_8);
            if (!body.contains(ONE_CLICK)) {
                out.error(exchange, 400, "the body must contain " + ONE_CLICK + " (RFC 8058 §3.1)");
                return;
            }
            Instant now = clock.instant();
            Suppression s = ManualSuppressions.of(address, "unsubscribe", SuppressionSource.UNSUBSCRIBE, now, Optional.empty());
            writer.put(s);
            ObjectNode n = out.mapper().createObjectNode();
            n.put("unsubscribed", address.normalized());
            out.respond(exchange, 200, n);
        } catch (SuppressionTopicException e) {
            LOG.warn("{}", e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", "1");
            out.error(exchange, 503, "the unsubscribe was not acknowledged by Kafka; repeat the request");
        } catch (QueryString.MalformedQueryException e) {
            out.error(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unsubscribe failed", e);
            out.error(exchange, 500, "internal error");
        }
    }
}
