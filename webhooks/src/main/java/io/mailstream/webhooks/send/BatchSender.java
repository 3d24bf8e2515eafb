package io.mailstream.webhooks.send;

import io.mailstream.webhooks.config.RetryConfig;
import io.mailstream.webhooks.sign.WebhookSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one batch until the endpoint accepts it, refuses it for good, or {@code giveUpAfter} has
 * passed since the first attempt. Waits the longer of the backoff and the receiver's
 * {@code Retry-After}; a wait that would end after the deadline gives up at once.
 */
public final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    /** Told of each retry, for the retrying gauge. */
    public interface Listener {
        void retrying(int attempt, String reason, Duration wait);
    }

    private final String endpoint;
    private final EndpointClient client;
    private final WebhookSigner signer;
    private final Backoff backoff;
    private final RetryConfig retry;
    private final Clock clock;
    private final Pause pause;

    public BatchSender(String endpoint, EndpointClient client, WebhookSigner signer, Backoff backoff, RetryConfig retry, Clock clock,
                       Pause pause) {
        this.endpoint = endpoint;
        this.client = client;
        this.signer = signer;
        this.backoff = backoff;
        this.retry = retry;
        this.clock = clock;
        this.pause = pause;
    }

    public SendOutcome send(byte[] body, Listener listener) throws InterruptedException {
        Instant deadline = clock.instant().plus(retry.giveUpAfter());
        int attempt = 0;
        while (true) {
            attempt++;
            String signature = signer.header(clock.instant().getEpochSecond(), body);
            PostResult result = pause.whilePolling(() -> client.post(body, signature));
            switch (result) {
                case PostResult.Accepted a -> {
                    return new SendOutcome.Delivered(attempt, a.status());
                }
                case PostResult.Rejected r -> {
                    LOG.warn("Webhook endpoint {} refused a batch with {}: dead-lettered", endpoint, r.reason());
                    return new SendOutcome.GaveUp(attempt, r.status(), r.reason());
                }
                case PostResult.Retryable r -> {
                    Duration wait = backoff.delay(attempt);
                    if (r.retryAfter().isPresent() && r.retryAfter().get().compareTo(wait) > 0) {
                        wait = r.retryAfter().get();
                    }
                    if (clock.instant().plus(wait).isAfter(deadline)) {
                        String reason = r.reason() + "; still failing after " + attempt + " attempts and the retry period of "
                                + retry.giveUpAfter();
                        LOG.warn("Webhook endpoint {}: {}; dead-lettered", endpoint, reason);
                        return new SendOutcome.GaveUp(attempt, r.status(), reason);
                    }
                    if (attempt == 1) {
                        LOG.info("Webhook endpoint {} failed ({}); retrying with backoff", endpoint, r.reason());
                    }
                    listener.retrying(attempt, r.reason(), wait);
                    pause.pause(wait);
                }
            }
        }
    }

}
