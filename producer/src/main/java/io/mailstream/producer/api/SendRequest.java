package io.mailstream.producer.api;

import io.mailstream.schemas.address.EmailAddress;
import java.util.Map;
import java.util.Optional;

/**
 * A validated {@code POST /v1/messages} body: every address parsed, no line break in anything
 * headed for a header, and exactly one kind of content.
 */
public record SendRequest(
        EmailAddress from,
        Optional<String> fromName,
        EmailAddress to,
        Content content,
        Map<String, String> variables,
        Map<String, String> headers) {

    public SendRequest {
        variables = Map.copyOf(variables);
        headers = Map.copyOf(headers);
    }

    /** What the dispatcher renders: literal content, or a template published to {@code mail.campaigns}. */
    public sealed interface Content {
    }

    /** Sent as given (not a template); at least one of html and text. */
    public record Inline(String subject, Optional<String> html, Optional<String> text) implements Content {
    }

    /** A template record in {@code mail.campaigns} (id and version), rendered with the request's variables. */
    public record Template(String id, int version) implements Content {
    }
}
