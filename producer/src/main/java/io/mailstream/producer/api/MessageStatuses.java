package io.mailstream.producer.api;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.producer.api.status.TransactionalStatusStore;
import io.mailstream.schemas.ids.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GET /v1/messages/{id}} answers, and to whom. Outcomes come from the
 * {@link TransactionalStatusStore} (shared by every replica, kept for the configured retention);
 * a message this process accepted and no dispatcher has reported on yet is {@code ACCEPTED} from a
 * bounded window of recent acceptances. A tenant is only ever answered about its own messages: any
 * other id is "not found", so ids of other tenants (campaign ids are computable) reveal nothing.
 */
final class MessageStatuses {
    private final TransactionalStatusStore store;
    private final Map<String, TenantId> accepted;

    MessageStatuses(TransactionalStatusStore store, int acceptedWindow) {
        this.store = store;
        this.accepted = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TenantId> eldest) {
                return size() > acceptedWindow;
            }
        };
    }

    void accepted(String messageId, TenantId tenant) {
        synchronized (accepted) {
            accepted.putIfAbsent(messageId, tenant);
        }
    }

    Optional<MessageStatus> find(String messageId, TenantId asker) {
        Optional<TenantId> acceptedBy;
        synchronized (accepted) {
            acceptedBy = Optional.ofNullable(accepted.get(messageId));
        }
        Optional<DeliveryEvent> latest = store.latest(messageId);
        if (latest.isEmpty()) {
            return acceptedBy.filter(asker::equals).map(t -> MessageStatus.accepted(messageId));
        }
        // The event names its tenant; an event of a dispatcher older than the field names none, and then
        // the acceptance seen here (or else the default tenant) decides.
        CharSequence recorded = latest.get().getTenant();
        TenantId owner = recorded != null ? TenantId.of(recorded.toString()) : acceptedBy.orElse(TenantId.DEFAULT);
        return owner.equals(asker) ? Optional.of(new MessageStatus(messageId, latest)) : Optional.empty();
    }
}
