package io.mailstream.dispatcher.outcome;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import java.time.Instant;

/** Maps a {@link DeliveryOutcome} of a message to the {@link DeliveryEvent} written to {@code mail.delivery-events}. */
public final class DeliveryEvents {
    private static final int MAX_TEXT = 2000;

    private DeliveryEvents() {
    }

    public static DeliveryEvent of(MailMessage message, DeliveryOutcome outcome, Instant at, String dispatcherId) {
        return DeliveryEvent.newBuilder()
                .setMessageId(message.getMessageId())
                .setCampaignId(message.getCampaignId())
                .setRecipient(message.getTo())
                .setOutcome(outcome.kind())
                .setSmtpReplyCode(outcome.reply().map(SmtpReply::code).orElse(null))
                .setEnhancedStatusCode(outcome.reply().flatMap(SmtpReply::enhancedStatus).orElse(null))
                .setReplyText(truncate(outcome.description()))
                .setRemoteHost(outcome.remoteHost().orElse(null))
                .setAttempt(message.getAttempt())
                .setTimestamp(at)
                .setDispatcherId(dispatcherId)
                .setTlsPolicy(outcome.tlsPolicy().orElse(null))
                .setTenant(message.getTenant())
                .build();
    }

    private static String truncate(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }
}
