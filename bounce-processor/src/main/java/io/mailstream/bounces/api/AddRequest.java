package io.mailstream.bounces.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /suppressions}: {@code {"address": "...", "reason": "...", "for": "P30D"}}
 * or with {@code "expiresAt": "2027-01-01T00:00:00Z"} instead of {@code for}; without either the
 * suppression is permanent. Parsing collects every problem, so one answer lists them all.
 */
record AddRequest(EmailAddress address, String reason, Optional<Instant> expiresAt) {
    static final int MAX_REASON_CHARS = 500;
    private static final Set<String> FIELDS = Set.of("address", "reason", "for", "expiresAt");

    /** What is wrong with one field of a request. */
    record FieldError(String field, String message) {
    }

    sealed interface Parsed permits Valid, Invalid {
    }

    record Valid(AddRequest request) implements Parsed {
    }

    record Invalid(List<FieldError> errors) implements Parsed {
    }

    static Parsed parse(ObjectMapper json, byte[] body, Instant now) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            return new Invalid(List.of(new FieldError("body", "is not valid JSON: " + e.getOriginalMessage())));
        } catch (java.io.IOException e) {
            return new Invalid(List.of(new FieldError("body", "could not be read: " + e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            return new Invalid(List.of(new FieldError("body", "must be a JSON object like {\"address\": \"a@example.com\", \"reason\": \"customer request\"}")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "is not a known field; use address, reason, for or expiresAt"));
            }
        }
        EmailAddress address = null;
        JsonNode a = root.get("address");
        if (a == null || !a.isTextual()) {
            errors.add(new FieldError("address", "is required, a string such as \"a@example.com\""));
        } else {
            try {
                address = EmailAddress.parse(a.asText());
            } catch (InvalidAddressException e) {
                errors.add(new FieldError("address", e.getMessage()));
            }
        }
        String reason = "manual";
        JsonNode r = root.get("reason");
        if (r != null && !r.isNull()) {
            if (!r.isTextual() || r.asText().isBlank()) {
                errors.add(new FieldError("reason", "must be a non-empty string"));
            } else if (r.asText().length() > MAX_REASON_CHARS) {
                errors.add(new FieldError("reason", "must be at most " + MAX_REASON_CHARS + " characters"));
            } else if (r.asText().chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("reason", "must not contain control characters (CR, LF, tab ...)"));
            } else {
                reason = r.asText();
            }
        }
        Optional<Instant> expiresAt = expiry(root, now, errors);
        return errors.isEmpty() ? new Valid(new AddRequest(address, reason, expiresAt)) : new Invalid(errors);
    }

    private static Optional<Instant> expiry(JsonNode root, Instant now, List<FieldError> errors) {
        JsonNode d = root.get("for");
        JsonNode e = root.get("expiresAt");
        if (d != null && !d.isNull() && e != null && !e.isNull()) {
            errors.add(new FieldError("for", "give either for (a duration) or expiresAt (an instant), not both"));
            return Optional.empty();
        }
        if (d != null && !d.isNull()) {
            try {
                Duration duration = Duration.parse(d.asText());
                if (duration.isNegative() || duration.isZero()) {
                    errors.add(new FieldError("for", "must be a positive ISO-8601 duration such as P30D, was " + d.asText()));
                    return Optional.empty();
                }
                return Optional.of(now.plus(duration));
            } catch (DateTimeParseException ex) {
                errors.add(new FieldError("for", "must be an ISO-8601 duration such as P30D or PT12H, was " + d.asText()));
                return Optional.empty();
            }
        }
        if (e != null && !e.isNull()) {
            try {
                Instant at = Instant.parse(e.asText());
                if (!at.isAfter(now)) {
                    errors.add(new FieldError("expiresAt", "must be in the future, was " + e.asText()));
                    return Optional.empty();
                }
                return Optional.of(at);
            } catch (DateTimeParseException ex) {
                errors.add(new FieldError("expiresAt", "must be an ISO-8601 instant such as 2027-01-01T00:00:00Z, was " + e.asText()));
            }
        }
        return Optional.empty();
    }
}
