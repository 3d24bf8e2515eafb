package io.mailstream.producer.campaign;

import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.TenantId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated campaign, as read from a campaign file by {@link CampaignFiles#load}: everything
 * needed to publish its {@code Campaign} record and one {@code MailMessage} per recipient.
 *
 * @param version the template version MailMessages reference; 1 unless the file says otherwise
 * @param headers extra headers added to every message, literal values
 * @param listId  the list (or campaign family) the campaign mails: an unsubscribe from its mail
 *                applies to this list only; empty = no list, so any unsubscribe keeps an address from it
 * @param tenant  who owns the campaign and its templates ({@code tenant:}; {@link TenantId#DEFAULT} if not given):
 *                only that tenant's API keys may send with its templates
 * @param priority {@code MailMessage.priority} of every message ({@code priority:}, -9..9, default 0): dispatchers
 *                 serve a destination's higher-priority campaign mail first, so a time-critical campaign overtakes
 *                 the backlog of a routine one
 * @param tracking click and open tracking of the campaign's mail ({@code tracking: {clicks, opens}}; clicks on, opens off)
 */
public record CampaignDefinition(
        Path file,
        String id,
        int version,
        String name,
        SenderIdentity sender,
        Optional<EmailAddress> replyTo,
        Templates templates,
        Map<String, String> headers,
        RecipientSource recipients,
        DomainShards shards,
        Optional<String> listId,
        TenantId tenant,
        int priority,
        CampaignTracking tracking) {

    /** The range of {@code priority:}; the dispatcher clamps {@code MailMessage.priority} to the same. */
    public static final int MIN_PRIORITY = -9;
    public static final int MAX_PRIORITY = 9;

    /**
     * Variables a template may use without a matching recipient column: the dispatcher's renderer
     * provides them (the message id, e.g. for List-Unsubscribe links, the campaign id and the
     * recipient's address as sent). Keep in step with the dispatcher's {@code MessageRenderer}.
     */
    public static final Set<String> RENDER_TIME_VARIABLES = Set.of("messageId", "message_id", "campaignId", "campaign_id", "recipient");

    public CampaignDefinition {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(tracking, "tracking");
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("campaign priority must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY
                    + ", was " + priority);
        }
        if (version < 1) {
            throw new IllegalArgumentException("campaign version must be at least 1, was " + version);
        }
        headers = Map.copyOf(headers);
    }

    /** The same campaign routed with {@code fleetShards} (the shard map of {@code mail.shard-map}). */
    public CampaignDefinition withShards(DomainShards fleetShards) {
        return new CampaignDefinition(file, id, version, name, sender, replyTo, templates, headers, recipients, fleetShards, listId, tenant, priority, tracking);
    }

    /** The same campaign with another template version (a relaunch after editing templates). */
    public CampaignDefinition withVersion(int newVersion) {
        return new CampaignDefinition(file, id, newVersion, name, sender, replyTo, templates, headers, recipients, shards, listId, tenant, priority, tracking);
    }
}
