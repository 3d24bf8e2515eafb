package io.mailstream.producer.api;

import io.mailstream.avro.MailMessage;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.ids.MessageIds;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Accepts a validated request: derives its message id, publishes it once, and answers only when
 * Kafka has acknowledged the write. With an idempotency key the id is
 * {@link MessageIds#forIdempotencyKey} of the API key and the idempotency key, so a repeat yields
 * the same id; a bounded cache of recent ids makes the repeat answer without a second publish
 * (concurrent repeats wait for the first one's acknowledgement). A repeat older than the cache is
 * published again with the same id and Kafka key, and the dispatcher's sent-ledger skips it.
 */
public final class TransactionalSender {
    private final MessagePublisher publisher;
    private final DomainShards shards;
    private final Duration publishTimeout;
    private final Clock clock;
    private final Map<String, Sent> recent;

    /** A recent request with an idempotency key: its acknowledgement and what it asked for. */
    private record Sent(CompletableFuture<Void> acked, String fingerprint) {
    }

    /** The result of a request that Kafka acknowledged. */
    public record Accepted(String messageId, boolean repeat) {
    }

    public TransactionalSender(MessagePublisher publisher, DomainShards shards, Duration publishTimeout, int cacheSize,
                               Clock clock) {
        this.publisher = publisher;
        this.shards = shards;
        this.publishTimeout = publishTimeout;
        this.clock = clock;
        this.recent = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
                return size() > cacheSize;
            }
        };
    }

    public Accepted send(ApiKey key, Optional<String> idempotencyKey, SendRequest request) throws InterruptedException {
        String messageId = idempotencyKey.map(k -> MessageIds.forIdempotencyKey(key.id(), k)).orElseGet(MessageIds::random);
        if (idempotencyKey.isEmpty()) {
            await(messageId, publisher.publish(TransactionalRecords.message(request, messageId, shards, clock.instant())));
            return new Accepted(messageId, false);
        }
        String fingerprint = RequestFingerprint.of(request);
        CompletableFuture<Void> acked;
        boolean repeat;
        synchronized (recent) {
            Sent earlier = recent.get(messageId);
            if (earlier != null && !earlier.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException(messageId);
            }
            repeat = earlier != null;
            acked = repeat ? earlier.acked() : new CompletableFuture<>();
            if (!repeat) {
                recent.put(messageId, new Sent(acked, fingerprint));
            }
        }
        if (!repeat) {
            // Published outside the lock: send() may block on metadata, which must not stall other keys.
            publisher.publish(TransactionalRecords.message(request, messageId, shards, clock.instant()))
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            // A failed publish must not be remembered, or the key could never be retried.
                            synchronized (recent) {
                                Sent mine = recent.get(messageId);
                                if (mine != null && mine.acked() == acked) {
                                    recent.remove(messageId);
                                }
                            }
                            acked.completeExceptionally(error);
                        } else {
                            acked.complete(null);
                        }
                    });
        }
        await(messageId, acked);
        return new Accepted(messageId, repeat);
    }

    private void await(String messageId, CompletableFuture<Void> acked) throws InterruptedException {
        try {
            acked.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PublishFailedException(messageId, String.valueOf(cause.getMessage()), cause);
        } catch (TimeoutException e) {
            throw new PublishFailedException(messageId, "no acknowledgement within " + publishTimeout, e);
        }
    }
}
