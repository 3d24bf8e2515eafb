package io.mailstream.producer.campaign;

import java.util.Objects;
import java.util.Optional;

/**
 * A campaign's Mustache templates, validated to compile; rendered per recipient at dispatch time
 * with the recipient row's variables. At least one of html and text is present.
 */
public record Templates(String subject, Optional<String> html, Optional<String> text, Optional<String> listUnsubscribe) {
    public Templates {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(listUnsubscribe, "listUnsubscribe");
        if (html.isEmpty() && text.isEmpty()) {
            throw new IllegalArgumentException("a campaign needs an html or a text template");
        }
    }
}
