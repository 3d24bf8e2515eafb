package io.mailstream.dispatcher.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.support.Fixtures;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void ofShouldParseTheEnhancedStatusCodeWhetherOrNotTheTextRepeatsTheReplyCode() {
        assertThat(SmtpReply.of(550, "550 5.1.1 <x@example.com>: user unknown").enhancedStatus()).contains("5.1.1");
        assertThat(SmtpReply.of(451, "4.3.0 try again later").enhancedStatus()).contains("4.3.0");
        assertThat(SmtpReply.of(250, "250-2.0.0 ok\n250 more").enhancedStatus()).contains("2.0.0");
    }

    @Test
    void ofShouldIgnoreAnEnhancedStatusWhoseClassDisagreesWithTheReplyCode() {
        assertThat(SmtpReply.of(550, "550 4.1.1 odd").enhancedStatus()).isEmpty();
        assertThat(SmtpReply.of(550, "550 mailbox unavailable").enhancedStatus()).isEmpty();
    }

    @Test
    void eventShouldCarryReplyCodeEnhancedStatusTextAndHost() {
        var msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of()).setAttempt(2).build();
        DeliveryEvent e = DeliveryEvents.of(msg,
                new DeliveryOutcome.Bounced(SmtpReply.of(550, "550 5.1.1 user unknown"), "mx.example.com"),
                Fixtures.NOW, "d1");

        assertThat(e.getOutcome()).isEqualTo(Outcome.BOUNCED);
        assertThat(e.getSmtpReplyCode()).isEqualTo(550);
        assertThat(e.getEnhancedStatusCode()).isEqualTo("5.1.1");
        assertThat(e.getReplyText()).isEqualTo("550 5.1.1 user unknown");
        assertThat(e.getRemoteHost()).isEqualTo("mx.example.com");
        assertThat(e.getAttempt()).isEqualTo(2);
        assertThat(e.getMessageId()).isEqualTo(msg.getMessageId());
        assertThat(e.getCampaignId()).isEqualTo("c1");
        assertThat(e.getDispatcherId()).isEqualTo("d1");
    }

    @Test
    void eventOfAnOutcomeWithoutReplyShouldCarryOnlyTheReason() {
        var msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of()).build();
        DeliveryEvent e = DeliveryEvents.of(msg, DeliveryOutcome.Deferred.noReply("connection refused", "mx"),
                Fixtures.NOW, "d1");

        assertThat(e.getOutcome()).isEqualTo(Outcome.DEFERRED);
        assertThat(e.getSmtpReplyCode()).isNull();
        assertThat(e.getEnhancedStatusCode()).isNull();
        assertThat(e.getReplyText()).isEqualTo("connection refused");
        assertThat(new DeliveryOutcome.Suppressed("x").reply()).isEqualTo(Optional.empty());
    }

    @Test
    void eventShouldCarryTheSendingIpAndEhloNameEvenAfterTheTlsPolicyIsNotedAndNoneForOutcomesBeforeSmtp() throws Exception {
        var msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of()).build();
        DeliveryOutcome delivered = new DeliveryOutcome.Delivered(SmtpReply.of(250, "250 ok"), "mx.example.com")
                .withSentFrom(new SendingIdentity(Optional.of(java.net.InetAddress.getByName("192.0.2.7")), "mta7.acme.example"))
                .withTlsPolicy("direct.tls=NONE");

        DeliveryEvent e = DeliveryEvents.of(msg, delivered, Fixtures.NOW, "d1");

        assertThat(e.getSendingIp()).isEqualTo("192.0.2.7");
        assertThat(e.getEhloName()).isEqualTo("mta7.acme.example");
        assertThat(e.getTlsPolicy()).isEqualTo("direct.tls=NONE");
        DeliveryEvent suppressed = DeliveryEvents.of(msg, new DeliveryOutcome.Suppressed("x")
                .withSentFrom(new SendingIdentity(Optional.empty(), "n.example")), Fixtures.NOW, "d1");
        assertThat(suppressed.getSendingIp()).isNull();
        assertThat(suppressed.getEhloName()).isNull();
    }

    @Test
    void eventShouldCarryTheTenantOfItsMessageSoTheApiAnswersOnlyThatTenant() {
        var owned = Fixtures.campaignMessage("c1", "ann@example.com", Map.of()).setTenant("acme").build();
        var legacy = Fixtures.campaignMessage("c1", "bob@example.com", Map.of()).build();

        assertThat(DeliveryEvents.of(owned, new DeliveryOutcome.Suppressed("x"), Fixtures.NOW, "d1").getTenant()).isEqualTo("acme");
        assertThat(DeliveryEvents.of(legacy, new DeliveryOutcome.Suppressed("x"), Fixtures.NOW, "d1").getTenant()).isNull();
    }
}
