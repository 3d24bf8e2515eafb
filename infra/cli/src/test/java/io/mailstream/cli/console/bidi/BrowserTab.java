package io.mailstream.cli.console.bidi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * One top-level browsing context (a tab) driven over WebDriver BiDi: navigate, run a script, accept a
 * {@code confirm()}, take a screenshot. The modules used are {@code browsingContext} and {@code script}.
 */
public final class BrowserTab {
    private final BiDiConnection bidi;
    private final String context;

    BrowserTab(BiDiConnection bidi, String context) {
        this.bidi = bidi;
        this.context = context;
    }

    /** Loads {@code url} and waits until its document finished loading. */
    public void navigate(String url) {
        ObjectNode p = contextParams().put("url", url).put("wait", "complete");
        bidi.command("browsingContext.navigate", p);
    }

    /** Sets the viewport in CSS pixels (a phone: 390 × 844). */
    public void viewport(int width, int height) {
        ObjectNode p = contextParams();
        p.putObject("viewport").put("width", width).put("height", height);
        bidi.command("browsingContext.setViewport", p);
    }

    /** The value of {@code expression} as text ({@code ""} for null or undefined); a thrown error fails. */
    public String text(String expression) {
        JsonNode value = evaluate(expression);
        return value.path("value").isMissingNode() || value.path("value").isNull() ? "" : value.path("value").asText();
    }

    /** Whether {@code expression} is {@code true}. */
    public boolean isTrue(String expression) {
        JsonNode value = evaluate(expression);
        return "boolean".equals(value.path("type").asText()) && value.path("value").asBoolean();
    }

    /** The text of the element with {@code id}, empty when there is none. */
    public String textOf(String id) {
        return text("document.getElementById(" + quoted(id) + ")?.innerText ?? ''");
    }

    /**
     * Runs {@code expression}, which opens a {@code confirm()}, accepts the prompt and returns the prompt's message:
     * the page's own confirmation, answered as a person would.
     */
    public String acceptingConfirm(String expression) {
        CompletableFuture<JsonNode> script = bidi.send("script.evaluate", evaluation(expression));
        JsonNode prompt = bidi.awaitEvent("browsingContext.userPromptOpened");
        bidi.command("browsingContext.handleUserPrompt", contextParams().put("accept", true));
        checked(expression, bidi.await("script.evaluate", script));
        return prompt.path("message").asText();
    }

    /** A PNG of the viewport. */
    public byte[] screenshot() {
        return Base64.getDecoder().decode(bidi.command("browsingContext.captureScreenshot", contextParams()).path("data").asText());
    }

    private JsonNode evaluate(String expression) {
        return checked(expression, bidi.command("script.evaluate", evaluation(expression)));
    }

    private ObjectNode evaluation(String expression) {
        ObjectNode p = bidi.params().put("expression", expression).put("awaitPromise", true);
        p.putObject("target").put("context", context);
        return p;
    }

    private static JsonNode checked(String expression, JsonNode result) {
        if ("exception".equals(result.path("type").asText())) {
            throw new BiDiConnection.BiDiException("script threw: " + result.path("exceptionDetails").path("text").asText()
                    + " (" + expression + ")");
        }
        return result.path("result");
    }

    private ObjectNode contextParams() {
        return bidi.params().put("context", context);
    }

    /** {@code s} as a JavaScript string literal. */
    public static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
