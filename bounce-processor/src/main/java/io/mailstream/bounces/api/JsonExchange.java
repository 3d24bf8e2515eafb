package io.mailstream.bounces.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** JSON answers in one shape for every endpoint: a body, or {@code {"error": ..., "errors": [{field, message}]}}. */
final class JsonExchange {
    private final ObjectMapper json;

    JsonExchange(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper mapper() {
        return json;
    }

    void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("error", message);
        respond(exchange, status, n);
    }

    void invalid(HttpExchange exchange, List<AddRequest.FieldError> errors) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("error", "invalid request");
        ArrayNode list = n.putArray("errors");
        for (AddRequest.FieldError e : errors) {
            list.addObject().put("field", e.field()).put("message", e.message());
        }
        respond(exchange, 400, n);
    }

    void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }
}
