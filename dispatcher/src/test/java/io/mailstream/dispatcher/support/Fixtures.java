package io.mailstream.dispatcher.support;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.InlineContent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Sender;
import io.mailstream.avro.TemplateRef;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Campaigns and messages for dispatcher tests. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private Fixtures() {
    }

    public static Campaign.Builder campaign(String id) {
        return Campaign.newBuilder()
                .setId(id)
                .setVersion(1)
                .setName("Spring news")
                .setSender(Sender.newBuilder().setName("Acme News").setAddress("news@acme.example").build())
                .setReplyTo("support@acme.example")
                .setSubjectTemplate("Hello {{name}}")
                .setHtmlTemplate("<p>Hi {{name}}, welcome to <b>Acme</b></p>")
                .setTextTemplate("Hi {{name}}, welcome to Acme")
                .setHeaders(new HashMap<>(Map.of("X-Campaign-Tag", "spring")))
                .setListUnsubscribeTemplate("https://acme.example/unsubscribe?m={{messageId}}&r={{recipient}}")
                .setState(CampaignState.SENDING)
                .setUpdatedAt(NOW);
    }

    public static MailMessage.Builder campaignMessage(String campaignId, String to, Map<String, String> variables) {
        EmailAddress rcpt = EmailAddress.parse(to);
        return MailMessage.newBuilder()
                .setMessageId(MessageIds.forCampaign(campaignId, rcpt))
                .setCampaignId(campaignId)
                .setKind(MessageKind.CAMPAIGN)
                .setFrom("news@acme.example")
                .setFromName(null)
                .setTo(to)
                .setRecipientDomain(rcpt.domain().asString())
                .setRoutingKey(rcpt.domain().asString())
                .setTemplate(TemplateRef.newBuilder().setCampaignId(campaignId).setVersion(1).build())
                .setVariables(new HashMap<>(variables))
                .setHeaders(new HashMap<>())
                .setCreatedAt(NOW);
    }

    public static MailMessage.Builder transactional(String to, String subject, String text) {
        EmailAddress rcpt = EmailAddress.parse(to);
        return MailMessage.newBuilder()
                .setMessageId(MessageIds.random())
                .setCampaignId(null)
                .setKind(MessageKind.TRANSACTIONAL)
                .setFrom("receipts@acme.example")
                .setFromName("Acme Receipts")
                .setTo(to)
                .setRecipientDomain(rcpt.domain().asString())
                .setRoutingKey(rcpt.domain().asString())
                .setInline(InlineContent.newBuilder().setSubject(subject).setText(text).setHtml(null).build())
                .setVariables(new HashMap<>())
                .setHeaders(new HashMap<>())
                .setCreatedAt(NOW);
    }
}
