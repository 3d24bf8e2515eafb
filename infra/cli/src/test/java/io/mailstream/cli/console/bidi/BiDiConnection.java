package io.mailstream.cli.console.bidi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebDriver BiDi connection (W3C WebDriver BiDi, "Transport"): commands as JSON over a WebSocket, each
 * answered by a message with its id, and events the session subscribed to. On the JDK's
 * {@link java.net.http.WebSocket}, so no driver binary is needed: Firefox speaks it itself.
 */
public final class BiDiConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private BiDiConnection(WebSocket socket, Duration timeout, Receiver receiver) {
        this.socket = socket;
        this.timeout = timeout;
        receiver.owner = this;
    }

    /** Connects to {@code url} ({@code ws://host:port/session}); every command waits at most {@code timeout}. */
    public static BiDiConnection open(URI url, Duration timeout) {
        Receiver receiver = new Receiver();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(url, receiver).join();
        return new BiDiConnection(socket, timeout, receiver);
    }

    /** Sends {@code method} and waits for its result. */
    public JsonNode command(String method, ObjectNode params) {
        return await(method, send(method, params));
    }

    /** Sends {@code method} without waiting: for a command that blocks until something else happens (a script behind a prompt). */
    public CompletableFuture<JsonNode> send(String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            pending.remove(id);
            throw new BiDiException(method + ": cannot send (" + e + ")");
        }
        return answer;
    }

    /** The result of a command sent with {@link #send}. */
    public JsonNode await(String method, CompletableFuture<JsonNode> answer) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BiDiException b ? b : new BiDiException(method + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw new BiDiException(method + ": no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BiDiException(method + ": interrupted");
        }
    }

    /** The next event named {@code method} (events of other names before it are dropped). */
    public JsonNode awaitEvent(String method) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (JsonNode e; (e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
                if (method.equals(e.path("method").asText())) {
                    return e.path("params");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new BiDiException("no " + method + " event within " + timeout);
    }

    public ObjectNode params() {
        return JSON.createObjectNode();
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            throw new BiDiException("not JSON from the browser: " + text);
        }
        switch (message.path("type").asText()) {
            case "success" -> complete(message, f -> f.complete(message.path("result")));
            case "error" -> complete(message, f -> f.completeExceptionally(new BiDiException(
                    message.path("error").asText() + ": " + message.path("message").asText())));
            case "event" -> events.add(message);
            default -> { }
        }
    }

    private void complete(JsonNode message, java.util.function.Consumer<CompletableFuture<JsonNode>> how) {
        CompletableFuture<JsonNode> f = pending.remove(message.path("id").asLong());
        if (f != null) {
            how.accept(f);
        }
    }

    private void closed(String why) {
        pending.values().forEach(f -> f.completeExceptionally(new BiDiException("connection closed: " + why)));
        pending.clear();
    }

    @Override
    public void close() {
        socket.abort();
        closed("closed by the test");
    }

    /** A command the browser refused or did not answer. */
    public static final class BiDiException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BiDiException(String message) {
            super(message);
        }
    }

    /** Joins a message's frames (a screenshot is hundreds of kB) before handing it on. */
    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder frames = new StringBuilder();
        private volatile BiDiConnection owner;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frames.append(data);
            if (last) {
                String text = frames.toString();
                frames.setLength(0);
                owner.receive(text);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            owner.closed(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            if (owner != null) {
                owner.closed(error.toString());
            }
        }
    }
}
