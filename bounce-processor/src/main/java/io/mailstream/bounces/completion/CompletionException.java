package io.mailstream.bounces.completion;

/** Judging or marking a campaign's completion failed (Kafka unreachable in time); the next round tries again. */
public final class CompletionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CompletionException(String message) {
        super(message);
    }
}
