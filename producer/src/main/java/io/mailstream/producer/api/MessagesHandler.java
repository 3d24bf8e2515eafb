package io.mailstream.producer.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.producer.api.status.StatusUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/messages} and {@code GET /v1/messages/{id}}. Every answer is JSON. Order of
 * checks: 401 (no or unknown key) before 400 (invalid body) before 403 (key may not send from the
 * sender's domain) before 422 (a template the key's tenant does not have), so an unauthenticated
 * caller learns nothing about what it sent. {@code GET} answers a tenant about its own messages only.
 */
final class MessagesHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(MessagesHandler.class);
    static final String PATH = "/v1/messages";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=-]{0,127}");

    private final ApiKeys keys;
    private final SendRequestParser parser;
    private final TransactionalSender sender;
    private final MessageStatuses statuses;
    private final Templates templates;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    MessagesHandler(ApiKeys keys, TransactionalSender sender, MessageStatuses statuses, Templates templates,
                    ObjectMapper json, int maxBodyBytes) {
        this.templates = templates;
        this.keys = keys;
        this.parser = new SendRequestParser(json);
        this.sender = sender;
        this.statuses = statuses;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PATH) || path.equals(PATH + "/")) {
                if (!method.equals("POST")) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    error(exchange, 405, "use POST to send a message");
                    return;
                }
                post(exchange);
            } else if (path.startsWith(PATH + "/")) {
                if (!method.equals("GET")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    error(exchange, 405, "use GET to read a message's status");
                    return;
                }
                get(exchange, path.substring(PATH.length() + 1));
            } else {
                error(exchange, 404, "no such endpoint");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            error(exchange, 500, "internal error");
        }
    }

    private void post(HttpExchange exchange) throws IOException, InterruptedException {
        Optional<ApiKey> key = authenticate(exchange);
        if (key.isEmpty()) {
            return;
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            error(exchange, 413, "body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        String idempotencyHeader = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        SendRequestParser.Result parsed = parser.parse(body);
        if (idempotencyHeader != null && !IDEMPOTENCY_KEY.matcher(idempotencyHeader).matches()) {
            List<FieldError> errors = new java.util.ArrayList<>(List.of(new FieldError("Idempotency-Key",
                    "must be 1-255 printable ASCII characters without spaces")));
            if (parsed instanceof SendRequestParser.Invalid invalid) {
                errors.addAll(invalid.errors());
            }
            parsed = new SendRequestParser.Invalid(errors);
        }
        if (parsed instanceof SendRequestParser.Invalid invalid) {
            invalid(exchange, invalid.errors());
            return;
        }
        SendRequest request = ((SendRequestParser.Valid) parsed).request();
        if (!key.get().maySendFrom(request.from().domain())) {
            error(exchange, 403, "API key " + key.get().id() + " may not send from " + request.from().domain().asString());
            return;
        }
        if (request.content() instanceof SendRequest.Template template) {
            Optional<String> refused;
            try {
                refused = templates.refusal(key.get().tenant(), template);
            } catch (StatusUnavailableException e) {
                log.warn("{}", e.getMessage());
                exchange.getResponseHeaders().set("Retry-After", "1");
                error(exchange, 503, "templates cannot be checked right now; retry with the same Idempotency-Key");
                return;
            }
            if (refused.isPresent()) {
                error(exchange, 422, refused.get());
                return;
            }
        }
        TransactionalSender.Accepted accepted;
        try {
            accepted = sender.send(key.get(), Optional.ofNullable(idempotencyHeader), request);
        } catch (IdempotencyKeyReusedException e) {
            error(exchange, 422, e.getMessage());
            return;
        } catch (PublishFailedException e) {
            log.warn("{}", e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 503, "the message was not acknowledged by Kafka; retry with the same Idempotency-Key");
            return;
        }
        statuses.accepted(accepted.messageId(), key.get().tenant());
        ObjectNode answer = json.createObjectNode();
        answer.put("id", accepted.messageId());
        answer.put("status", "ACCEPTED");
        exchange.getResponseHeaders().set("Location", PATH + "/" + accepted.messageId());
        respond(exchange, 202, answer);
    }

    private void get(HttpExchange exchange, String id) throws IOException {
        Optional<ApiKey> key = authenticate(exchange);
        if (key.isEmpty()) {
            return;
        }
        if (!MESSAGE_ID.matcher(id).matches()) {
            error(exchange, 404, "no message with this id");
            return;
        }
        Optional<MessageStatus> status;
        try {
            status = statuses.find(id, key.get().tenant());
        } catch (StatusUnavailableException e) {
            log.warn("{}", e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 503, "delivery statuses cannot be read right now; retry");
            return;
        }
        if (status.isEmpty()) {
            error(exchange, 404, "no message with id " + id + " is known");
            return;
        }
        respond(exchange, 200, statusJson(status.get()));
    }

    private ObjectNode statusJson(MessageStatus s) {
        ObjectNode n = json.createObjectNode();
        n.put("id", s.messageId());
        n.put("status", s.status());
        if (s.latest().isPresent()) {
            DeliveryEvent e = s.latest().get();
            n.put("recipient", e.getRecipient());
            n.put("attempt", e.getAttempt());
            n.put("timestamp", e.getTimestamp().toString());
            if (e.getSmtpReplyCode() != null) {
                n.put("smtpReplyCode", e.getSmtpReplyCode());
            }
            if (e.getEnhancedStatusCode() != null) {
                n.put("enhancedStatusCode", e.getEnhancedStatusCode());
            }
            if (e.getReplyText() != null) {
                n.put("replyText", e.getReplyText());
            }
            if (e.getRemoteHost() != null) {
                n.put("remoteHost", e.getRemoteHost());
            }
        }
        return n;
    }

    private Optional<ApiKey> authenticate(HttpExchange exchange) throws IOException {
        Optional<ApiKey> key = keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (key.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"mailstream\"");
            error(exchange, 401, "an API key is required: Authorization: Bearer <secret>");
        }
        return key;
    }

    /** The body, or null when it is larger than allowed (read no further than that). */
    private byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        return body.length > maxBodyBytes ? null : body;
    }

    private void invalid(HttpExchange exchange, List<FieldError> errors) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("error", "invalid request");
        ArrayNode list = n.putArray("errors");
        for (FieldError e : errors) {
            list.addObject().put("field", e.field()).put("message", e.message());
        }
        respond(exchange, 400, n);
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("error", message);
        respond(exchange, status, n);
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
