package io.mailstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.MailMessage;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TransactionalSenderTest {
    private static final ApiKey KEY = new ApiKey("shop", "0123456789abcdef", Set.of(Domain.of("shop.example")));
    private static final SendRequest REQUEST = new SendRequest(EmailAddress.parse("a@shop.example"), Optional.empty(),
            EmailAddress.parse("b@example.com"), new SendRequest.Inline("s", Optional.empty(), Optional.of("t")),
            Map.of(), Map.of());

    /** Records what is published; acknowledges or fails as told. */
    private static final class FakePublisher implements MessagePublisher {
        final List<MailMessage> published = new ArrayList<>();
        RuntimeException failWith;

        @Override
        public CompletableFuture<Void> publish(MailMessage message) {
            published.add(message);
            return failWith == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failWith);
        }

        @Override
        public void close() {
        }
    }

    private final FakePublisher publisher = new FakePublisher();
    private final TransactionalSender sender = new TransactionalSender(publisher, DomainShards.NONE, Duration.ofSeconds(1),
            2, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void repeatedIdempotencyKeyShouldAnswerTheSameIdWithoutPublishingAgain() throws Exception {
        TransactionalSender.Accepted first = sender.send(KEY, Optional.of("k"), REQUEST);
        TransactionalSender.Accepted second = sender.send(KEY, Optional.of("k"), REQUEST);

        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.repeat()).isTrue();
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void requestsWithoutIdempotencyKeyShouldGetFreshIds() throws Exception {
        assertThat(sender.send(KEY, Optional.empty(), REQUEST).messageId())
                .isNotEqualTo(sender.send(KEY, Optional.empty(), REQUEST).messageId());
        assertThat(publisher.published).hasSize(2);
    }

    @Test
    void keyForgottenByTheBoundedCacheShouldBePublishedAgainWithTheSameId() throws Exception {
        String id = sender.send(KEY, Optional.of("k1"), REQUEST).messageId();
        sender.send(KEY, Optional.of("k2"), REQUEST);
        sender.send(KEY, Optional.of("k3"), REQUEST);

        assertThat(sender.send(KEY, Optional.of("k1"), REQUEST).messageId()).isEqualTo(id);
        assertThat(publisher.published).hasSize(4);
        assertThat(publisher.published.get(3).getMessageId()).isEqualTo(id);
    }

    @Test
    void failedPublishShouldNotBeRememberedSoTheKeyCanBeRetried() throws Exception {
        publisher.failWith = new IllegalStateException("broker down");
        assertThatThrownBy(() -> sender.send(KEY, Optional.of("k"), REQUEST))
                .isInstanceOf(PublishFailedException.class).hasMessageContaining("broker down");

        publisher.failWith = null;
        sender.send(KEY, Optional.of("k"), REQUEST);
        assertThat(publisher.published).hasSize(2);
    }

    @Test
    void aRepeatedIdempotencyKeyWithADifferentBodyShouldBeRefusedWithoutPublishing() throws Exception {
        sender.send(KEY, Optional.of("k"), REQUEST);
        SendRequest other = new SendRequest(REQUEST.from(), REQUEST.fromName(), EmailAddress.parse("c@example.com"),
                REQUEST.content(), Map.of(), Map.of());

        assertThatThrownBy(() -> sender.send(KEY, Optional.of("k"), other))
                .isInstanceOf(IdempotencyKeyReusedException.class).hasMessageContaining("different request body");
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void theSameBodyWithItsMapsInAnotherOrderShouldBeTheSameRequest() throws Exception {
        Map<String, String> ab = new java.util.LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new java.util.LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        sender.send(KEY, Optional.of("k"), new SendRequest(REQUEST.from(), REQUEST.fromName(), REQUEST.to(), REQUEST.content(),
                ab, Map.of()));

        assertThat(sender.send(KEY, Optional.of("k"), new SendRequest(REQUEST.from(), REQUEST.fromName(), REQUEST.to(),
                REQUEST.content(), ba, Map.of())).repeat()).isTrue();
    }

    @Test
    void aKeyClaimedByAnotherReplicaShouldBindThisOneToTheSameBody() throws Exception {
        IdempotencyClaims shared = IdempotencyClaims.inProcess(); // stands for mail.idempotency-keys
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        TransactionalSender replicaA = new TransactionalSender(publisher, DomainShards.NONE, Duration.ofSeconds(1), 10, clock, shared);
        TransactionalSender replicaB = new TransactionalSender(publisher, DomainShards.NONE, Duration.ofSeconds(1), 10, clock, shared);
        SendRequest other = new SendRequest(REQUEST.from(), REQUEST.fromName(), EmailAddress.parse("c@example.com"),
                REQUEST.content(), Map.of(), Map.of());

        String id = replicaA.send(KEY, Optional.of("k"), REQUEST).messageId();

        assertThatThrownBy(() -> replicaB.send(KEY, Optional.of("k"), other)).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(replicaB.send(KEY, Optional.of("k"), REQUEST).messageId()).isEqualTo(id);
        assertThat(publisher.published).extracting(MailMessage::getMessageId).containsExactly(id, id);
    }

    @Test
    void aClaimThatCannotBeConfirmedShouldPublishNothingAndLeaveTheKeyFree() throws Exception {
        java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger(1);
        IdempotencyClaims flaky = new IdempotencyClaims() {
            @Override
            public Verdict claim(String messageId, String fingerprint) {
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new PublishFailedException(messageId, "the Idempotency-Key claim was not acknowledged", null);
                }
                return Verdict.OWNED;
            }

            @Override
            public void close() {
            }
        };
        TransactionalSender replica = new TransactionalSender(publisher, DomainShards.NONE, Duration.ofSeconds(1), 10,
                Clock.systemUTC(), flaky);

        assertThatThrownBy(() -> replica.send(KEY, Optional.of("k"), REQUEST)).isInstanceOf(PublishFailedException.class);
        assertThat(publisher.published).isEmpty();

        TransactionalSender.Accepted retried = replica.send(KEY, Optional.of("k"), REQUEST);
        assertThat(retried.repeat()).as("the failed attempt was not remembered as sent").isFalse();
        assertThat(publisher.published).hasSize(1);
    }
}
