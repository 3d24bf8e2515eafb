package io.mailstream.dispatcher.render;

import java.util.Optional;

/** Rendered text of one message, before it becomes MIME; at least one of html and text is present. */
record RenderedContent(String subject, Optional<String> html, Optional<String> text, Optional<String> listUnsubscribeUrl) {
}
