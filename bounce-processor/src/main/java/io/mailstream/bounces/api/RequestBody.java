package io.mailstream.bounces.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body within a size limit and a deadline, so a huge or trickled body gets a
 * clear answer (413, 408) instead of holding a handler thread or being cut silently. A declared
 * {@code Content-Length} over the limit is refused before anything is read.
 *
 * <p>The JDK server gives a handler no socket timeout, so the read runs on a virtual thread
 * ({@code mailstream-bounces-http-body}) that the handler waits for; after a timeout that thread
 * stays blocked until the client sends or the connection closes (the JDK's
 * {@code sun.net.httpserver.maxReqTime}, which the launcher sets, closes it).
 */
final class RequestBody {
    private RequestBody() {
    }

    /** What came of reading a body. */
    sealed interface Result {
    }

    record Read(byte[] bytes) implements Result {
    }

    record TooLarge(long declared) implements Result {
    }

    record TimedOut(Duration after) implements Result {
    }

    static Result read(HttpExchange exchange, int maxBytes, Duration timeout) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                long declared = Long.parseLong(length.strip());
                if (declared > maxBytes) {
                    return new TooLarge(declared);
                }
            } catch (NumberFormatException e) {
                // the JDK server refuses a malformed Content-Length before the handler runs
            }
        }
        InputStream in = exchange.getRequestBody();
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        Thread.ofVirtual().name("mailstream-bounces-http-body").start(() -> {
            try {
                body.complete(in.readNBytes(maxBytes + 1));
            } catch (IOException | RuntimeException e) {
                body.completeExceptionally(e);
            }
        });
        try {
            byte[] bytes = body.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return bytes.length > maxBytes ? new TooLarge(-1) : new Read(bytes);
        } catch (TimeoutException e) {
            return new TimedOut(timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot read the request body", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the request body", e);
        }
    }
}
