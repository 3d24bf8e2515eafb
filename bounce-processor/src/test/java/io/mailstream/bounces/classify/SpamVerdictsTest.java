package io.mailstream.bounces.classify;

import static io.mailstream.bounces.classify.SoftDiagnostics.assertSoft;

import io.mailstream.bounces.BounceReason;
import org.junit.jupiter.api.Test;

/**
 * Which verdict wins when two phrase families match one text (issue 16, branch {@code rsn2};
 * {@link SpamVerdicts}). Each text is synthetic, written as a receiving server or relay would: a
 * generic RFC 3464 failure (status 5.0.0 or the class the server gives, reply code first).
 */
class SpamVerdictsTest {
    @Test
    void aVerdictNamingSpamFirstAndAVirusOnlyAsItsAlternativeShouldBeSpamDetected() {
        assertSoft("5.0.0", 554, "554 Refused: your mail looks like spam or a virus to our scanner", BounceReason.SPAM_DETECTED);
        assertSoft("5.0.0", 550, "550 Delivery blocked, spam/virus suspected (ref 8812)", BounceReason.SPAM_DETECTED);
        // a virus named first, or alone, stays the finding
        assertSoft("5.0.0", 550, "550 Rejected: virus or spam content found in attachment", BounceReason.VIRUS_DETECTED);
        assertSoft("5.0.0", 550, "550 Message contains a virus (Eicar-Test-Signature)", BounceReason.VIRUS_DETECTED);
        // answered to MAIL FROM, before any content was seen, it is the sender's refusal (MailFromVerdicts)
        assertSoft("5.0.0", 550, "550 Rejected: spam or virus suspected (in reply to MAIL FROM command)",
                BounceReason.REJECTED);
    }

    @Test
    void aFilterOrPolicyRefusalThatNamesSpamAsItsFindingShouldBeSpamDetected() {
        assertSoft("5.0.0", 550, "550 Our mail filter judged this message to be spam", BounceReason.SPAM_DETECTED);
        assertSoft("5.0.0", 554, "554 Refused by policy: unsolicited commercial mail", BounceReason.SPAM_DETECTED);
        // without spam named, the filter's or the policy's own refusal stays
        assertSoft("5.0.0", 550, "550 Message refused by the recipient's mail filter", BounceReason.FILTERED);
        assertSoft("5.0.0", 550, "550 Message filtered. Please contact the recipient by other means", BounceReason.FILTERED);
        assertSoft("5.0.0", 550, "550 Message not accepted for policy reasons", BounceReason.POLICY_VIOLATION);
    }

    @Test
    void aQuotaNamedWithThrottlingOrSendingShouldBeTheSendersRateNotAFullMailbox() {
        // Amazon SES's documented throttling errors for its sending quotas
        assertSoft("4.0.0", 454, "454 Throttling failure: Daily message quota exceeded.", BounceReason.SPEEDING);
        assertSoft("5.0.0", 550, "550 Your sending quota exceeded for today", BounceReason.SPEEDING);
        // the recipient's quota stays a full mailbox
        assertSoft("4.0.0", 452, "452 Mailbox quota exceeded, throttling deliveries to this mailbox",
                BounceReason.MAILBOX_FULL);
    }
}
