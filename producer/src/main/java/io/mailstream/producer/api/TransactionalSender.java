package io.mailstream.producer.api;

import io.mailstream.avro.MailMessage;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.sites.SiteResolver;
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
 * the same id. Before the first publish of an id in this process, the body is claimed through
 * {@link IdempotencyClaims} (shared by every API replica): a key already claimed with another body is
 * refused (422) on any replica. A bounded cache of recent ids makes a repeat in this process answer
 * without a second publish (concurrent repeats wait for the first one's acknowledgement). A repeat
 * that reaches another replica, or this one after the cache, is published again with the same id and
 * Kafka key, and the dispatcher's sent-ledger skips it.
 */
public final class TransactionalSender {
    private final MessagePublisher publisher;
    private final DomainShards shards;
    private final Duration publishTimeout;
    private final Clock clock;
    private final Map<String, Sent> recent;
    private final IdempotencyClaims claims;
    private final SiteResolver sites;

    /** A recent request with an idempotency key: its acknowledgement and what it asked for. */
    private record Sent(CompletableFuture<Void> acked, String fingerprint) {
    }

    /** The result of a request that Kafka acknowledged. */
    public record Accepted(String messageId, boolean repeat) {
    }

    /** Claims held in this process only: a key's body is checked within one API process. */
    public TransactionalSender(MessagePublisher publisher, DomainShards shards, Duration publishTimeout, int cacheSize,
                               Clock clock) {
        this(publisher, shards, publishTimeout, cacheSize, clock, IdempotencyClaims.inProcess());
    }

    public TransactionalSender(MessagePublisher publisher, DomainShards shards, Duration publishTimeout, int cacheSize,
                               Clock clock, IdempotencyClaims claims) {
        this(publisher, shards, publishTimeout, cacheSize, clock, claims, SiteResolver.providersOnly());
    }

    /** @param sites routes each recipient to its site (with the API's {@code mxLookup}, by its domain's MX hosts) */
    public TransactionalSender(MessagePublisher publisher, DomainShards shards, Duration publishTimeout, int cacheSize,
                               Clock clock, IdempotencyClaims claims, SiteResolver sites) {
        this.sites = sites;
        this.claims = claims;
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
            await(messageId, publisher.publish(TransactionalRecords.message(request, messageId, key.tenant(), shards, clock.instant(), sites)));
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
            claimOrRefuse(messageId, fingerprint, acked);
            // Published outside the lock: send() may block on metadata, which must not stall other keys.
            publisher.publish(TransactionalRecords.message(request, messageId, key.tenant(), shards, clock.instant(), sites))
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

    /**
     * Claims the key's body across API replicas. When it is refused or fails, this process forgets
     * the id (so a later request is judged again) and a concurrent repeat waiting on {@code acked}
     * gets the same answer.
     */
    private void claimOrRefuse(String messageId, String fingerprint, CompletableFuture<Void> acked) throws InterruptedException {
        RuntimeException refused;
        try {
            if (claims.claim(messageId, fingerprint) == IdempotencyClaims.Verdict.OWNED) {
                return;
            }
            refused = new IdempotencyKeyReusedException(messageId);
        } catch (RuntimeException e) {
            refused = e;
        } catch (InterruptedException e) {
            forget(messageId, acked);
            acked.completeExceptionally(e);
            throw e;
        }
        forget(messageId, acked);
        acked.completeExceptionally(refused);
        throw refused;
    }

    private void forget(String messageId, CompletableFuture<Void> acked) {
        synchronized (recent) {
            Sent mine = recent.get(messageId);
            if (mine != null && mine.acked() == acked) {
                recent.remove(messageId);
            }
        }
    }

    private void await(String messageId, CompletableFuture<Void> acked) throws InterruptedException {
        try {
            acked.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IdempotencyKeyReusedException reused) {
                throw reused;
            }
            if (cause instanceof PublishFailedException failed) {
                throw failed;
            }
            throw new PublishFailedException(messageId, String.valueOf(cause.getMessage()), cause);
        } catch (TimeoutException e) {
            throw new PublishFailedException(messageId, "no acknowledgement within " + publishTimeout, e);
        }
    }
}
