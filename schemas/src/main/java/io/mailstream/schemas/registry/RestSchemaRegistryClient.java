package io.mailstream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client for Confluent's Schema Registry REST API (also served by Karapace, Redpanda and
 * Apicurio's ccompat API). Ids and registrations are cached: a schema id never changes its
 * schema, so a running pipeline asks the registry once per id and once per (subject, schema).
 * Requests carry the configured credentials (basic auth or a bearer token) and, over HTTPS, trust
 * the configured CAs ({@link RegistrySecurity}).
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idBySubject = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(SchemaRegistryConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.requestTimeout());
        config.security().trustStore().ifPresent(store -> builder.sslContext(store.sslContext()));
        this.http = builder.build();
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> known = idBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = known.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema), subject);
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("schema registry answered without an id for subject '" + subject + "'", 200, -1);
        }
        known.put(schema, id);
        byId.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = send("GET", "/schemas/ids/" + id, null, null);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                throw new UnknownSchemaIdException(id, config.url().toString());
            }
            throw e;
        }
        // Confluent's registry leaves schemaType out for Avro; JSON Schema and Protobuf serializers frame
        // their records the same way, so a record of theirs reaches us with a valid id of a non-Avro schema.
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new NotAvroSchemaException(id, type, config.url().toString(), "");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(answer.path("schema").asText());
        } catch (org.apache.avro.SchemaParseException e) {
            throw new NotAvroSchemaException(id, type, config.url().toString(), "its text does not parse: " + e.getMessage());
        }
        byId.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + enc(subject) + "/versions/latest",
                    schemaBody(schema), subject);
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == 40401) {
                return true; // no versions yet: anything is compatible with nothing
            }
            throw e;
        }
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        try {
            JsonNode a = send("GET", "/subjects/" + enc(subject) + "/versions/latest", null, subject);
            Schema schema = new Schema.Parser().parse(a.path("schema").asText());
            return Optional.of(new RegisteredSchema(subject, a.path("version").asInt(), a.path("id").asInt(), schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == 40401 || e.errorCode() == 40402) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String schemaBody(Schema schema) {
        ObjectNode body = json.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private JsonNode send(String method, String path, String body, String subject) {
        String base = config.url().toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        config.security().credentials().headers().forEach(req::header);
        if (body != null) {
            req.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            req.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (javax.net.ssl.SSLException e) {
            throw new SchemaRegistryException("TLS with the schema registry at " + config.url() + " failed ("
                    + e.getMessage() + "); if its certificate is signed by your own CA, set "
                    + RegistrySecurity.TRUSTSTORE_LOCATION + " (and .password) in the --kafka-config file", e);
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + config.url() + " is unreachable ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); is it running, is the url right?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry at " + config.url(), e);
        }
        if (resp.statusCode() == 401 || resp.statusCode() == 403) {
            throw new SchemaRegistryException("schema registry at " + config.url() + " refused " + method + " " + path
                    + " with HTTP " + resp.statusCode() + " (" + (resp.statusCode() == 401 ? "not authenticated" : "not allowed")
                    + ") using " + config.security().credentials().describe()
                    + "; check basic.auth.* / bearer.auth.* in the --kafka-config file", resp.statusCode(), -1);
        }
        JsonNode answer = parse(resp.body(), uri);
        if (resp.statusCode() / 100 == 2) {
            return answer;
        }
        int code = answer.path("error_code").asInt(-1);
        String message = answer.path("message").asText(resp.body());
        if (resp.statusCode() == 409 && subject != null) {
            throw new IncompatibleSchemaException(subject, message);
        }
        throw new SchemaRegistryException("schema registry " + method + " " + uri + " failed with HTTP "
                + resp.statusCode() + " (error " + code + "): " + message, resp.statusCode(), code);
    }

    private JsonNode parse(String body, URI uri) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + uri + " answered with something that is not JSON: "
                    + body.substring(0, Math.min(200, body.length())), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
