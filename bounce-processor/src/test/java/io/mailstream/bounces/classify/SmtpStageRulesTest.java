package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The SMTP stage a refusal names decides what was judged (issue 16): the greeting and HELO/EHLO
 * judge the client (blocked), MAIL FROM the sender (rejected), RCPT TO the recipient. Reports are
 * synthetic, written from the formats documented in qmail-remote.c, Postfix's smtp(8) and
 * postconf(5), Exim's specification and Microsoft's Exchange Online NDR reference.
 */
class SmtpStageRulesTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification reply(Integer code, String status, String text) {
        return classifier.classify(code, status, text);
    }

    private Classification failedDsn(String status, int code, String diagnostic) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(code),
                diagnostic, diagnostic);
    }

    @Test
    void qmailRemotesGreetingAndHeloSentencesShouldBeBlockedAndNeverHard() {
        // qmail-remote.c: "Connected to X but greeting failed." / "... but my name was rejected."
        assertThat(reply(null, null, "Connected to 192.0.2.1 but greeting failed. Remote host said: 554 mx.example.net "
                + "ESMTP not accepting messages").reason()).isEqualTo(BounceReason.BLOCKED);
        Classification name = reply(null, null, "Connected to 192.0.2.1 but my name was rejected. "
                + "Remote host said: 501 5.0.0 Invalid domain name");
        assertThat(name.reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(name.hard()).isFalse();
    }

    @Test
    void aRefusalInReplyToEhloShouldBeBlockedNotASecurityError() {
        assertThat(failedDsn("5.7.1", 550, "host mx.example.net[192.0.2.1] said: 550 5.7.1 Rejected "
                + "(in reply to EHLO command)").reason()).isEqualTo(BounceReason.BLOCKED);
        // a missing PTR named at EHLO keeps its own reason
        assertThat(failedDsn("5.7.1", 550, "host mx.example.net[192.0.2.1] said: 550 5.7.1 Client host rejected: "
                + "cannot find your reverse hostname (in reply to EHLO command)").reason())
                .isEqualTo(BounceReason.REQUIRE_PTR);
    }

    @Test
    void aGenericAccessDeniedInReplyToMailFromShouldBeRejectedButABlockListThereIsBlocked() {
        assertThat(failedDsn("5.7.1", 550, "host mx.example.net[192.0.2.1] said: 550 5.7.1 <s@example.com>... "
                + "Access denied (in reply to MAIL FROM command)").reason()).isEqualTo(BounceReason.REJECTED);
        // Postfix writes the command in the report's text, not in the Diagnostic-Code
        assertThat(classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.7.1"), OptionalInt.of(550),
                "smtp; 550 5.7.1 Access denied",
                "host mx.example.net[192.0.2.1] said: 550 5.7.1 Access denied (in reply to MAIL FROM command)").reason())
                .isEqualTo(BounceReason.REJECTED);
        assertThat(failedDsn("5.7.1", 554, "host mx.example.net[192.0.2.1] said: 554 5.7.1 Service unavailable; "
                + "Client host [192.0.2.9] blocked using zen.spamhaus.org (in reply to MAIL FROM command)").reason())
                .isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(550, "5.7.0", "SMTP error from remote mail server after MAIL FROM:<s@example.jp> SIZE=1024: "
                + "550 5.7.0 Please use the smtp server of your ISP.").reason()).isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void postfixSenderRestrictionsAnsweredAtRcptShouldBeRejectedNotARecipientReason() {
        // postconf(5): smtpd_delay_reject defers sender restrictions to RCPT TO; the reply names the sender
        Classification unknownSender = failedDsn("5.1.0", 550, "host mx.example.net[192.0.2.1] said: 550 5.1.0 "
                + "<s@example.com>: Sender address rejected: User unknown in local recipient table (in reply to RCPT TO command)");
        assertThat(unknownSender.reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(unknownSender.hard()).isFalse();
        assertThat(failedDsn("4.1.8", 450, "host mx.example.net[192.0.2.1] said: 450 4.1.8 <s@example.com>: "
                + "Sender address rejected: Domain not found (in reply to RCPT TO command)").reason())
                .isEqualTo(BounceReason.REJECTED);
    }

    @Test
    void aBadSenderSystemStatusShouldBeRejectedWhateverTheTextSaysDoesNotExist() {
        // RFC 3463 X.1.8: "Bad sender's system address"
        Classification c = reply(550, "5.1.8", "550 5.1.8 Domain of sender address s@example.invalid does not exist");
        assertThat(c.reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(c.hard()).isFalse();
    }

    @Test
    void exchangeOnlinesDnsDomainDoesNotExistShouldBeHostUnknown() {
        assertThat(reply(550, "5.4.310", "550 5.4.310 DNS domain example.invalid does not exist "
                + "[Message=InfoDomainNonexistent]").reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        // the same words under a plain 5.0.0: the domain named in between still reads as the domain
        assertThat(reply(550, "5.0.0", "550 5.0.0 DNS domain example.invalid does not exist").reason())
                .isEqualTo(BounceReason.HOST_UNKNOWN);
    }

    @Test
    void aNetworkAndRoutingStatusThatNothingElseExplainsShouldBeANetworkError() {
        // RFC 3463 §3.5: X.4.X "Network and Routing Status"
        assertThat(failedDsn("4.4.9", 451, "smtp; 451 4.4.9 Please retry").reason()).isEqualTo(BounceReason.NETWORK_ERROR);
        // X.3.0 / X.5.0 stay open
        assertThat(failedDsn("4.3.0", 451, "smtp; 451 4.3.0 Please retry").reason()).isEqualTo(BounceReason.ONHOLD);
    }

    @Test
    void aRefusalBeforeAPipelinedDataRefusedForWantOfRecipientsShouldHaveAnsweredRcpt() {
        // a Sendmail transcript of a pipelined transaction (RFC 2920): RCPT TO and DATA sent together, Postfix's
        // smtpd answering the recipient, then DATA with "no valid recipients" (smtpd.c): the 550 was RCPT's
        String diagnostic = "550 5.5.0 Invalid recipient";
        String transcript = "... while talking to mx.example.fr.: >>> DATA <<< 550 5.5.0 Invalid recipient "
                + "<<< 554 5.5.1 Error: no valid recipients";
        Classification c = classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.5.0"),
                OptionalInt.of(550), diagnostic, transcript);
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.provisionalHard()).as("5.5.0 is no addressing status: held until a second bounce").isTrue();
        // without DATA's refusal the transcript says nothing of the stage: a relay's quote, filtered
        String unclear = "... while talking to mx.example.fr.: >>> DATA <<< 550 5.5.0 Invalid recipient";
        assertThat(classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.5.0"),
                OptionalInt.of(550), diagnostic, unclear).reason()).isEqualTo(BounceReason.FILTERED);
    }
}
