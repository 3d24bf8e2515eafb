package io.mailstream.producer.api;

import io.mailstream.avro.Campaign;
import io.mailstream.producer.api.status.TransactionalStatusStore;
import io.mailstream.schemas.ids.TenantId;
import java.util.Optional;

/**
 * Whether a tenant may send with a template: a {@code mail.campaigns} record of that id exists, belongs
 * to the tenant, and has reached the requested version. Checked at the API so that a request naming
 * an unknown template is refused at once (422) instead of holding a dispatcher's worker while it waits
 * for a campaign that never comes. Another tenant's template is refused with the same words as an
 * unknown one, so template ids of other tenants cannot be probed.
 */
final class Templates {
    private final TransactionalStatusStore store;

    Templates(TransactionalStatusStore store) {
        this.store = store;
    }

    /** Empty when {@code tenant} may use the template; else why not, for the 422 answer. */
    Optional<String> refusal(TenantId tenant, SendRequest.Template template) {
        Optional<Campaign> campaign = store.template(template.id());
        if (campaign.isEmpty() || !TenantId.ofRecord(campaign.get().getTenant()).equals(tenant)) {
            return Optional.of("unknown template '" + template.id() + "' for tenant " + tenant
                    + ": publish it first (a campaign file with tenant: " + tenant + ") or check the id");
        }
        if (template.version() > campaign.get().getVersion()) {
            return Optional.of("template '" + template.id() + "' has no version " + template.version()
                    + "; the latest published is " + campaign.get().getVersion());
        }
        return Optional.empty();
    }
}
