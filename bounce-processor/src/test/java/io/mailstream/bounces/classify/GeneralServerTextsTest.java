package io.mailstream.bounces.classify;

import static io.mailstream.bounces.classify.SoftDiagnostics.assertSoft;

import io.mailstream.bounces.BounceReason;
import org.junit.jupiter.api.Test;

/**
 * General texts any MTA may write, beside a status that alone would say otherwise or nothing (issue 16,
 * branch {@code rsn2}). Synthetic replies in RFC 5321 form (reply code, RFC 3463 status, text); all soft.
 */
class GeneralServerTextsTest {
    @Test
    void aSystemErrorWrittenUnderTheMailSystemFullStatusShouldBeASystemError() {
        assertSoft("4.3.1", 451, "451 4.3.1 Temporary system error, please retry", BounceReason.SYSTEM_ERROR);
        // the space named keeps x.3.1's own meaning
        assertSoft("4.3.1", 452, "452 4.3.1 Insufficient system resources", BounceReason.SYSTEM_FULL);
        assertSoft("4.3.1", 451, "451 4.3.1 Please try again later", BounceReason.SYSTEM_FULL);
    }

    @Test
    void anUpstreamErrorShouldBeTheReceivingSidesSystemError() {
        assertSoft("4.0.0", 451, "451 Upstream error, try again later", BounceReason.SYSTEM_ERROR);
        assertSoft("4.4.0", 421, "421 4.4.0 upstream error while relaying to backend", BounceReason.SYSTEM_ERROR);
    }

    @Test
    void aMailboxSaidToBeTemporarilyUnavailableShouldBeSuspendedAndSoft() {
        assertSoft("4.2.0", 450, "450 4.2.0 <user@example.org>: Recipient temporarily unavailable", BounceReason.SUSPEND);
        assertSoft("5.0.0", 550, "550 Mailbox is temporarily unavailable", BounceReason.SUSPEND);
    }

    @Test
    void anExchangeSendAsRefusalShouldBeRejectedTheSenderAddressNotTheClient() {
        // Exchange's SendAsDenied response (learn.microsoft.com), as Exchange Online writes it under 5.7.60
        assertSoft("5.7.60", 550, "550 5.7.60 SMTP; Client does not have permissions to send as this sender",
                BounceReason.REJECTED);
        assertSoft("5.0.0", 550, "550 MAIL FROM <boss@example.com> not owned by user alice", BounceReason.REJECTED);
    }

    @Test
    void aRefusalNamingTheClientByItsIpAddressShouldBeBlocked() {
        assertSoft("5.0.0", 554, "554 Connections from [198.51.100.23] not accepted here", BounceReason.BLOCKED);
        assertSoft("5.0.0", 550, "550 SMTP from 203.0.113.9 denied, contact postmaster", BounceReason.BLOCKED);
        // an address that is no IP literal, or no refusal, decides nothing
        assertSoft("5.0.0", 550, "550 Mail from 2024.11.03 archive refused", BounceReason.ONHOLD);
        assertSoft("5.0.0", 550, "550 Message from 203.0.113.9 could not be parsed", BounceReason.ONHOLD);
    }

    @Test
    void theSendersAddressCalledNonExistentOrEmptyShouldBeRejectedNeverARecipientReason() {
        assertSoft("5.0.0", 550, "550 Sender does not exist in our directory (code 4471)", BounceReason.REJECTED);
        assertSoft("5.0.0", 501, "501 Syntax error: empty email address in MAIL FROM", BounceReason.REJECTED);
        assertSoft("5.0.0", 550, "550 Empty sender not allowed here", BounceReason.REJECTED);
        assertSoft("5.0.0", 550, "550 Denied by SecuMail valid-address-filter (sender check)", BounceReason.REJECTED);
    }

    @Test
    void aDeliveryThatFailedWithinAStatedPeriodShouldBeExpired() {
        assertSoft("5.0.0", 554, "554 Unable to deliver this message to mx.example.org within 72 hours", BounceReason.EXPIRED);
        assertSoft("5.0.0", 550, "550 Message has not been collected from the mailbox after 30 days", BounceReason.EXPIRED);
        // delivered in time, or a period that is no delivery's, decides nothing
        assertSoft("5.0.0", 550, "550 Please deliver within 2 days next time, refused", BounceReason.ONHOLD);
    }
}
