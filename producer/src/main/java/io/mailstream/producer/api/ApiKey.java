package io.mailstream.producer.api;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.ids.TenantId;
import java.util.Objects;
import java.util.Set;

/**
 * One API key: the id that namespaces its idempotency keys, the secret a caller presents as
 * {@code Authorization: Bearer <secret>}, the sender domains it may send from, and the tenant it
 * belongs to (whose messages it may read and whose templates it may use).
 */
public record ApiKey(String id, String secret, Set<Domain> senderDomains, TenantId tenant) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(tenant, "tenant");
        senderDomains = Set.copyOf(senderDomains);
    }

    /** A key of the {@link TenantId#DEFAULT default tenant} (configurations that name no tenants). */
    public ApiKey(String id, String secret, Set<Domain> senderDomains) {
        this(id, secret, senderDomains, TenantId.DEFAULT);
    }

    public boolean maySendFrom(Domain domain) {
        return senderDomains.contains(domain);
    }

    /** Never print the secret: records' generated toString would. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", tenant=" + tenant + ", senderDomains=" + senderDomains + "]";
    }
}
