package io.mailstream.producer.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which request body an {@code Idempotency-Key} belongs to: the first body claimed for its message
 * id wins, and every later claim is judged against it. {@link KafkaIdempotencyClaims} makes every
 * API replica (and a restarted one) agree; {@link #inProcess()} holds for one process only.
 */
public interface IdempotencyClaims extends AutoCloseable {

    /** How a claim was judged. */
    enum Verdict {
        /** This body was the first claimed for the id (or the same body was claimed before): publish. */
        OWNED,
        /** Another body was claimed first for the id: answer 422, publish nothing. */
        OTHER_BODY
    }

    /**
     * Claims {@code messageId} for the body with {@code fingerprint}.
     *
     * @throws PublishFailedException if the claim could not be recorded or confirmed in time (nothing is published)
     */
    Verdict claim(String messageId, String fingerprint) throws InterruptedException;

    @Override
    void close();

    /** First claim wins, remembered in this process's memory without bound: for tests and single-process use. */
    static IdempotencyClaims inProcess() {
        ConcurrentHashMap<String, String> first = new ConcurrentHashMap<>();
        return new IdempotencyClaims() {
            @Override
            public Verdict claim(String messageId, String fingerprint) {
                String owner = first.putIfAbsent(messageId, fingerprint);
                return owner == null || owner.equals(fingerprint) ? Verdict.OWNED : Verdict.OTHER_BODY;
            }

            @Override
            public void close() {
            }
        };
    }
}
