package io.mailstream.producer.api;

import io.mailstream.avro.InlineContent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.avro.TemplateRef;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.RoutingKey;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.sites.SiteResolver;
import java.time.Instant;
import java.util.Map;

/**
 * Builds the {@code mail.transactional} event of a request. Inline content carries no campaign:
 * the dispatcher renders {@code inline} as given. A template reference names a {@code mail.campaigns}
 * record, which the dispatcher renders with the request's variables.
 */
public final class TransactionalRecords {
    private TransactionalRecords() {
    }

    /** Routed by the provider table alone (no MX lookups). */
    public static MailMessage message(SendRequest request, String messageId, TenantId tenant, DomainShards shards,
                                      Instant createdAt) {
        return message(request, messageId, tenant, shards, createdAt, SiteResolver.providersOnly());
    }

    /** @param sites routes the recipient to its site: the provider table, and the MX lookups of the API's {@code mxLookup} */
    public static MailMessage message(SendRequest request, String messageId, TenantId tenant, DomainShards shards,
                                      Instant createdAt, SiteResolver sites) {
        InlineContent inline = null;
        TemplateRef template = null;
        if (request.content() instanceof SendRequest.Inline i) {
            inline = new InlineContent(i.subject(), i.html().orElse(null), i.text().orElse(null));
        } else if (request.content() instanceof SendRequest.Template t) {
            template = new TemplateRef(t.id(), t.version());
        }
        return MailMessage.newBuilder()
                .setMessageId(messageId)
                .setCampaignId(null)
                .setKind(MessageKind.TRANSACTIONAL)
                .setFrom(request.from().asString())
                .setFromName(request.fromName().orElse(null))
                .setTo(request.to().asString())
                .setRecipientDomain(request.to().domain().asString())
                .setRoutingKey(sites.routingKey(request.to(), shards).asString())
                .setTemplate(template)
                .setInline(inline)
                .setVariables(Map.copyOf(request.variables()))
                .setHeaders(Map.copyOf(request.headers()))
                .setCreatedAt(createdAt)
                .setTenant(tenant.asString())
                .build();
    }
}
