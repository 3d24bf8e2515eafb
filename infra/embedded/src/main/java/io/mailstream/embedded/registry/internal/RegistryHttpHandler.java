package io.mailstream.embedded.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mailstream.embedded.registry.CompatibilityLevel;
import io.mailstream.embedded.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST subset of Confluent Schema Registry that serializers, third-party clients (e.g.
 * kafkajs' confluent-schema-registry) and our tools use, mapped onto
 * {@link SchemaRegistryService}. Errors are answered as Confluent does:
 * {@code {"error_code":40401,"message":"..."}} with the matching HTTP status.
 */
public final class RegistryHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Far above any schema of ours; a body is read into memory, so it must have a bound. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final List<String> ACCEPTED_TYPES = List.of(
            CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    private final SchemaRegistryService service;
    private final ObjectMapper json;

    public RegistryHttpHandler(SchemaRegistryService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Object body = route(exchange.getRequestMethod().toUpperCase(Locale.ROOT), segments(exchange), exchange);
                respond(exchange, 200, body);
            } catch (SchemaRegistryException e) {
                respond(exchange, e.httpStatus(), error(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("Schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                respond(exchange, 500, error(50001, "Error in the backend data store: " + e.getMessage()));
            }
        }
    }

    private Object route(String method, List<String> p, HttpExchange ex) throws IOException {
        int n = p.size();
        if (n == 0) {
            return json.createObjectNode();
        }
        switch (p.get(0)) {
            case "schemas":
                if (n == 3 && p.get(1).equals("ids") && method.equals("GET")) {
                    return schemaById(p.get(2));
                }
                if (n == 2 && p.get(1).equals("types") && method.equals("GET")) {
                    return List.of("AVRO", "JSON", "PROTOBUF");
                }
                break;
            case "subjects":
                if (n == 1 && method.equals("GET")) {
                    return service.subjects(flag(ex, "deleted"));
                }
                if (n == 2 && method.equals("POST")) {
                    return versionNode(service.lookup(p.get(1), schemaText(ex), flag(ex, "normalize")));
                }
                if (n == 2 && method.equals("DELETE")) {
                    return service.deleteSubject(p.get(1), flag(ex, "permanent"));
                }
                if (n == 3 && p.get(2).equals("versions") && method.equals("GET")) {
                    return service.versions(p.get(1), flag(ex, "deleted"));
                }
                if (n == 3 && p.get(2).equals("versions") && method.equals("POST")) {
                    return json.createObjectNode().put("id", service.register(p.get(1), schemaText(ex), flag(ex, "normalize")));
                }
                if (n == 4 && p.get(2).equals("versions") && method.equals("GET")) {
                    return versionNode(service.version(p.get(1), p.get(3)));
                }
                if (n == 4 && p.get(2).equals("versions") && method.equals("DELETE")) {
                    return service.deleteVersion(p.get(1), p.get(3), flag(ex, "permanent"));
                }
                break;
            case "compatibility":
                if (n == 5 && p.get(1).equals("subjects") && p.get(3).equals("versions") && method.equals("POST")) {
                    return compatibility(service.incompatibilities(p.get(2), p.get(4), schemaText(ex)), ex);
                }
                if (n == 4 && p.get(1).equals("subjects") && p.get(3).equals("versions") && method.equals("POST")) {
                    return compatibility(service.incompatibilities(p.get(2), schemaText(ex)), ex);
                }
                break;
            case "mode":
                if (n <= 2) {
                    return mode(method, ex);
                }
                break;
            case "config":
                if (n <= 2) {
                    return config(method, n == 2 ? Optional.of(p.get(1)) : Optional.empty(), ex);
                }
                break;
            default:
                break;
        }
        throw SchemaRegistryException.badRequest(404, "HTTP 404 Not Found");
    }

    /** {@code {"is_compatible":..}}, with the reasons under {@code messages} when {@code ?verbose=true}. */
    private ObjectNode compatibility(List<String> problems, HttpExchange ex) {
        ObjectNode n = json.createObjectNode().put("is_compatible", problems.isEmpty());
        if (flag(ex, "verbose")) {
            problems.forEach(n.putArray("messages")::add);
        }
        return n;
    }

    /** This registry is always READWRITE: it says so, and refuses other modes instead of pretending to switch. */
    private ObjectNode mode(String method, HttpExchange ex) throws IOException {
        if (method.equals("PUT")) {
            String mode = body(ex).path("mode").asText("");
            if (!mode.equals("READWRITE")) {
                throw SchemaRegistryException.invalidMode(mode);
            }
        } else if (!method.equals("GET")) {
            throw SchemaRegistryException.badRequest(405, "HTTP 405 Method Not Allowed");
        }
        return json.createObjectNode().put("mode", "READWRITE");
    }

    private static boolean flag(HttpExchange ex, String name) {
        String query = ex.getRequestURI().getRawQuery();
        if (query == null) {
            return false;
        }
        return Arrays.stream(query.split("&")).anyMatch(q -> q.equalsIgnoreCase(name + "=true"));
    }

    private ObjectNode schemaById(String idText) {
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.schemaNotFound();
        }
        SchemaInput schema = service.schemaById(id);
        ObjectNode n = json.createObjectNode().put("schema", schema.text());
        if (schema.type() != SchemaType.AVRO) {
            n.put("schemaType", schema.type().name());
        }
        return n;
    }

    private ObjectNode config(String method, Optional<String> subject, HttpExchange ex) throws IOException {
        if (method.equals("PUT")) {
            JsonNode body = body(ex);
            CompatibilityLevel level = CompatibilityLevel.parse(body.path("compatibility").asText(null));
            service.setLevel(subject, level);
            return json.createObjectNode().put("compatibility", level.name());
        }
        if (!method.equals("GET")) {
            throw SchemaRegistryException.badRequest(405, "HTTP 405 Method Not Allowed");
        }
        CompatibilityLevel level;
        if (subject.isEmpty()) {
            level = service.globalLevel();
        } else {
            boolean defaultToGlobal = Optional.ofNullable(ex.getRequestURI().getQuery())
                    .map(q -> q.contains("defaultToGlobal=true")).orElse(false);
            Optional<CompatibilityLevel> own = service.subjectLevel(subject.get());
            level = own.or(() -> defaultToGlobal ? Optional.of(service.globalLevel()) : Optional.empty())
                    .orElseThrow(() -> SchemaRegistryException.subjectConfigNotFound(subject.get()));
        }
        return json.createObjectNode().put("compatibilityLevel", level.name());
    }

    private ObjectNode versionNode(SchemaVersion v) {
        ObjectNode n = json.createObjectNode();
        n.put("subject", v.subject());
        n.put("version", v.version());
        n.put("id", v.id());
        n.put("schema", v.schema());
        if (v.type() != SchemaType.AVRO) {
            n.put("schemaType", v.type().name());
        }
        return n;
    }

    private SchemaInput schemaText(HttpExchange ex) throws IOException {
        JsonNode body = body(ex);
        SchemaType type = SchemaType.parse(body.path("schemaType").asText("AVRO"));
        JsonNode refs = body.get("references");
        if (refs != null && refs.isArray() && !refs.isEmpty()) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw SchemaRegistryException.invalidSchema("request has no \"schema\" string");
        }
        return new SchemaInput(type, schema.asText());
    }

    private JsonNode body(HttpExchange ex) throws IOException {
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse(CONTENT_TYPE);
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_TYPES.contains(mediaType)) {
            throw SchemaRegistryException.badRequest(415, "HTTP 415 Unsupported Media Type: " + type);
        }
        byte[] bytes = ex.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw SchemaRegistryException.badRequest(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw SchemaRegistryException.badRequest(422, "request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw SchemaRegistryException.badRequest(422, "request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> segments(HttpExchange ex) {
        String path = ex.getRequestURI().getRawPath();
        return Arrays.stream(path.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
    }

    private ObjectNode error(int code, String message) {
        return json.createObjectNode().put("error_code", code).put("message", message);
    }

    private void respond(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
