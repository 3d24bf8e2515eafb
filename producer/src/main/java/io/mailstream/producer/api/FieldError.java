package io.mailstream.producer.api;

/** One reason a request was refused: the JSON field (or header) and what is wrong with it. */
public record FieldError(String field, String message) {
}
