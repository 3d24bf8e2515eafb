package io.mailstream.producer.launch;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Sender;
import io.mailstream.avro.TemplateRef;
import io.mailstream.producer.campaign.CampaignDefinition;
import io.mailstream.producer.recipients.RowOutcome;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.sites.SiteResolver;
import java.time.Instant;
import java.util.Map;

/** Turns a campaign definition and its recipients into the Avro records published to Kafka. */
public final class CampaignRecords {
    private CampaignRecords() {
    }

    /** The {@code mail.campaigns} record of {@code definition} in {@code state}. */
    public static Campaign campaign(CampaignDefinition definition, CampaignState state, Instant updatedAt) {
        return Campaign.newBuilder()
                .setId(definition.id())
                .setVersion(definition.version())
                .setName(definition.name())
                .setSender(new Sender(definition.sender().name().orElse(null), definition.sender().address().asString()))
                .setReplyTo(definition.replyTo().map(EmailAddress::asString).orElse(null))
                .setSubjectTemplate(definition.templates().subject())
                .setHtmlTemplate(definition.templates().html().orElse(null))
                .setTextTemplate(definition.templates().text().orElse(null))
                .setHeaders(Map.copyOf(definition.headers()))
                .setListUnsubscribeTemplate(definition.templates().listUnsubscribe().orElse(null))
                .setListId(definition.listId().orElse(null))
                .setTenant(definition.tenant().asString())
                .setClickTracking(definition.tracking().clicks())
                .setOpenTracking(definition.tracking().opens())
                .setState(state)
                .setUpdatedAt(updatedAt)
                .build();
    }

    /**
     * The {@code mail.outbound} event for one valid recipient, routed by its destination site (the
     * built-in provider table, no DNS); its routing key is also the Kafka key.
     */
    public static MailMessage message(CampaignDefinition definition, RowOutcome.Valid recipient, String messageId,
                                      Instant createdAt) {
        return message(definition, recipient, messageId, createdAt, SiteResolver.providersOnly());
    }

    /** As above, with the sites of {@code sites} (e.g. one that looks up the long tail's MX hosts once per launch). */
    public static MailMessage message(CampaignDefinition definition, RowOutcome.Valid recipient, String messageId,
                                      Instant createdAt, SiteResolver sites) {
        EmailAddress to = recipient.address();
        String routingKey = sites.routingKey(to, definition.shards()).asString();
        // The all-args constructor: the builder deep-copies defaults per record, which shows at 10 M rows.
        return new MailMessage(
                messageId,
                definition.id(),
                MessageKind.CAMPAIGN,
                definition.sender().address().asString(),
                definition.sender().name().orElse(null),
                to.asString(),
                to.domain().asString(),
                routingKey,
                new TemplateRef(definition.id(), definition.version()),
                null,
                recipient.variables(),
                Map.of(),
                definition.priority(),
                createdAt,
                null,
                0,
                null,
                definition.tenant().asString());
    }

    public static String messageId(CampaignDefinition definition, EmailAddress recipient) {
        return MessageIds.forCampaign(definition.id(), recipient);
    }
}
