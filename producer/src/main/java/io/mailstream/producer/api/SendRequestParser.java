package io.mailstream.producer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.producer.campaign.internal.HeaderRules;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a request body into a {@link SendRequest} or the full list of what is wrong with it. CR and
 * LF are refused in every value that ends up in a header (addresses, the sender name, the subject,
 * extra header values) and in variables, which templates may render into the subject: a line break
 * there would let the caller add headers of their choosing (RFC 5322 §2.2).
 */
public final class SendRequestParser {
    private static final Set<String> FIELDS = Set.of("from", "fromName", "to", "subject", "html", "text",
            "template", "variables", "headers");
    /** The dispatcher sets these as well as the ones a campaign may not set. */
    private static final Set<String> DISPATCHER_HEADERS = Set.of("x-mailstream-campaign-id", "x-mailstream-message-id");
    private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int MAX_SUBJECT = 998;

    private final ObjectMapper json;

    public SendRequestParser(ObjectMapper json) {
        this.json = json;
    }

    /** The outcome of parsing: a request, or every problem found. */
    public sealed interface Result {
    }

    public record Valid(SendRequest request) implements Result {
    }

    public record Invalid(List<FieldError> errors) implements Result {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    public Result parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            return new Invalid(List.of(new FieldError("body", "is not valid JSON: " + e.getOriginalMessage())));
        } catch (java.io.IOException e) {
            return new Invalid(List.of(new FieldError("body", "cannot be read: " + e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            return new Invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a known field"));
            }
        }
        EmailAddress from = address(root, "from", errors);
        Optional<String> fromName = optionalText(root, "fromName", errors).filter(n -> singleLine("fromName", n, errors));
        EmailAddress to = address(root, "to", errors);
        SendRequest.Content content = content(root, errors);
        Map<String, String> variables = stringMap(root, "variables", errors);
        variables.forEach((k, v) -> singleLine("variables." + k, v, errors));
        Map<String, String> headers = stringMap(root, "headers", errors);
        headers.forEach((k, v) -> header(k, v, errors));
        if (content instanceof SendRequest.Inline && !variables.isEmpty()) {
            errors.add(new FieldError("variables", "are only used with a template; inline content is sent as given"));
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new SendRequest(from, fromName, to, content, variables, headers));
    }

    private static SendRequest.Content content(JsonNode root, List<FieldError> errors) {
        boolean inline = root.has("subject") || root.has("html") || root.has("text");
        JsonNode template = root.get("template");
        if (template != null && inline) {
            errors.add(new FieldError("template", "give either a template or subject with html/text, not both"));
            return null;
        }
        if (template != null) {
            return template(template, errors);
        }
        Optional<String> subject = optionalText(root, "subject", errors);
        Optional<String> html = optionalText(root, "html", errors);
        Optional<String> text = optionalText(root, "text", errors);
        if (subject.isEmpty() || subject.get().isBlank()) {
            errors.add(new FieldError("subject", "is required (or give a template)"));
        } else {
            singleLine("subject", subject.get(), errors);
            if (subject.get().length() > MAX_SUBJECT) {
                errors.add(new FieldError("subject", "is longer than " + MAX_SUBJECT + " characters"));
            }
        }
        if (html.isEmpty() && text.isEmpty()) {
            errors.add(new FieldError("html", "html or text is required (or give a template)"));
        }
        return subject.isPresent() ? new SendRequest.Inline(subject.get(), html, text) : null;
    }

    private static SendRequest.Template template(JsonNode node, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError("template", "must be an object {\"id\": ..., \"version\": ...}"));
            return null;
        }
        JsonNode id = node.get("id");
        JsonNode version = node.get("version");
        boolean ok = true;
        if (id == null || !id.isTextual() || !TEMPLATE_ID.matcher(id.asText()).matches()) {
            errors.add(new FieldError("template.id", "is required: 1-100 of [A-Za-z0-9._-]"));
            ok = false;
        }
        int v = 1;
        if (version != null) {
            if (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() < 1) {
                errors.add(new FieldError("template.version", "must be a whole number of at least 1"));
                ok = false;
            } else {
                v = version.asInt();
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("id") && !name.equals("version")) {
                errors.add(new FieldError("template." + name, "is not a known field"));
            }
        }
        return ok ? new SendRequest.Template(id.asText(), v) : null;
    }

    private static void header(String name, String value, List<FieldError> errors) {
        String field = "headers." + printable(name);
        if (!HeaderRules.isValidName(name)) {
            errors.add(new FieldError(field, "is not a valid header name (printable ASCII without spaces or ':')"));
        } else if (HeaderRules.isReserved(name) || DISPATCHER_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError(field, "is set by mailstream and may not be given"));
        }
        singleLine(field, value, errors);
    }

    private static EmailAddress address(JsonNode root, String field, List<FieldError> errors) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        if (HeaderRules.hasLineBreak(v.asText())) {
            errors.add(new FieldError(field, "contains CR, LF or NUL (header injection refused)"));
            return null;
        }
        try {
            return EmailAddress.parse(v.asText());
        } catch (InvalidAddressException e) {
            errors.add(new FieldError(field, e.reason()));
            return null;
        }
    }

    private static Optional<String> optionalText(JsonNode root, String field, List<FieldError> errors) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    private static Map<String, String> stringMap(JsonNode root, String field, List<FieldError> errors) {
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return m;
        }
        if (!v.isObject()) {
            errors.add(new FieldError(field, "must be an object of string values"));
            return m;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                errors.add(new FieldError(field + "." + printable(e.getKey()), "must be a string, number or boolean"));
            } else {
                m.put(e.getKey(), e.getValue().asText());
            }
        }
        return m;
    }

    private static boolean singleLine(String field, String value, List<FieldError> errors) {
        if (HeaderRules.hasLineBreak(value)) {
            errors.add(new FieldError(field, "contains CR, LF or NUL (header injection refused)"));
            return false;
        }
        return true;
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
