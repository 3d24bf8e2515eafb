package io.mailstream.dispatcher.render;

/** The result of rendering one message: a message ready for SMTP, or the reason it cannot be sent. */
public sealed interface RenderResult {
    record Rendered(RenderedMessage message) implements RenderResult {
    }

    record Failed(String reason) implements RenderResult {
    }
}
