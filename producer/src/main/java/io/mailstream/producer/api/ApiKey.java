package io.mailstream.producer.api;

import io.mailstream.schemas.address.Domain;
import java.util.Objects;
import java.util.Set;

/**
 * One API key: the id that namespaces its idempotency keys, the secret a caller presents as
 * {@code Authorization: Bearer <secret>}, and the sender domains it may send from.
 */
public record ApiKey(String id, String secret, Set<Domain> senderDomains) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        senderDomains = Set.copyOf(senderDomains);
    }

    public boolean maySendFrom(Domain domain) {
        return senderDomains.contains(domain);
    }

    /** Never print the secret: records' generated toString would. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", senderDomains=" + senderDomains + "]";
    }
}
